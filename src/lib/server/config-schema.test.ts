import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, redactUrl } from './config-schema';

describe('configuration', () => {
	it('defaults to the embedded database under ./data', () => {
		const config = parseConfig({});
		expect(config.database).toEqual({ kind: 'pglite', dataDir: resolve('data/pglite') });
		expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', bodySizeLimit: '20M' });
	});

	it('uses PostgreSQL when DATABASE_URL is set, and DATA_DIR for the embedded database', () => {
		expect(parseConfig({ DATABASE_URL: 'postgres://u:p@db:5432/loket' }).database).toEqual({
			kind: 'postgres',
			url: 'postgres://u:p@db:5432/loket'
		});
		expect(parseConfig({ DATABASE_URL: '', DATA_DIR: '/srv/loket' }).database).toEqual({
			kind: 'pglite',
			dataDir: '/srv/loket/pglite'
		});
	});

	it('takes the owner of the tables, for the migrations, from DATABASE_OWNER_URL', () => {
		expect(
			parseConfig({
				DATABASE_URL: 'postgres://loket_web:a@db:5432/loket',
				DATABASE_OWNER_URL: 'postgres://loket:b@db:5432/loket'
			}).database
		).toEqual({
			kind: 'postgres',
			url: 'postgres://loket_web:a@db:5432/loket',
			ownerUrl: 'postgres://loket:b@db:5432/loket'
		});
		expect(() => parseConfig({ DATABASE_OWNER_URL: 'postgres://loket:b@db:5432/loket' })).toThrow(
			new ConfigError(
				'Invalid configuration: DATABASE_OWNER_URL is only used with DATABASE_URL (PostgreSQL)'
			)
		);
		expect(() =>
			parseConfig({ DATABASE_URL: 'postgres://a@db/l', DATABASE_OWNER_URL: 'mysql://x' })
		).toThrow(/DATABASE_OWNER_URL must be a postgres:\/\/ URL/);
	});

	it('lets passwords be switched off for citizens, staff or both (PASSWORD_LOGIN)', () => {
		const passwordLogin = (PASSWORD_LOGIN?: string) =>
			parseConfig({ PASSWORD_LOGIN }).passwordLogin;
		expect(passwordLogin()).toEqual({ citizens: true, staff: true });
		expect(passwordLogin('')).toEqual({ citizens: true, staff: true });
		expect(passwordLogin('citizens,staff')).toEqual({ citizens: true, staff: true });
		expect(passwordLogin(' Staff , citizens ')).toEqual({ citizens: true, staff: true });
		expect(passwordLogin('citizens')).toEqual({ citizens: true, staff: false });
		expect(passwordLogin('staff')).toEqual({ citizens: false, staff: true });
		expect(passwordLogin('none')).toEqual({ citizens: false, staff: false });
		for (const bad of ['burgers', 'none,staff', 'yes', ','])
			expect(() => passwordLogin(bad), bad).toThrow(
				'PASSWORD_LOGIN must be citizens,staff (the default), citizens, staff or none'
			);
	});

	it('keeps files under DATA_DIR unless FILE_STORAGE=s3 names a bucket', () => {
		expect(parseConfig({ DATA_DIR: '/srv/loket' }).files).toEqual({
			kind: 'local',
			dir: '/srv/loket/files'
		});
		expect(
			parseConfig({
				FILE_STORAGE: 's3',
				S3_BUCKET: 'loket-lier',
				S3_ENDPOINT: 'https://s3.example.be',
				S3_PREFIX: 'loket/',
				S3_ACCESS_KEY_ID: 'id',
				S3_SECRET_ACCESS_KEY: 'secret'
			}).files
		).toEqual({
			kind: 's3',
			bucket: 'loket-lier',
			prefix: 'loket/',
			endpoint: 'https://s3.example.be',
			region: 'us-east-1',
			forcePathStyle: true,
			credentials: { accessKeyId: 'id', secretAccessKey: 'secret' }
		});
		// AWS itself: addressed by host, credentials from the SDK's chain.
		expect(
			parseConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'eu-west-1' }).files
		).toMatchObject({
			endpoint: undefined,
			region: 'eu-west-1',
			forcePathStyle: false,
			credentials: undefined
		});
		expect(() => parseConfig({ FILE_STORAGE: 's3' })).toThrow('FILE_STORAGE=s3 needs S3_BUCKET');
		expect(() =>
			parseConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'id' })
		).toThrow('go together');
		expect(() => parseConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b', S3_PREFIX: '../x' })).toThrow(
			'S3_PREFIX'
		);
	});

	it('names every bad variable in one message', () => {
		expect(() =>
			parseConfig({ DATABASE_URL: 'mysql://x', PORT: 'tachtig', BODY_SIZE_LIMIT: 'veel' })
		).toThrow(
			new ConfigError(
				'Invalid configuration: DATABASE_URL must be a postgres:// URL such as postgres://user:password@host:5432/loket; ' +
					'PORT Invalid input: expected number, received NaN; ' +
					'BODY_SIZE_LIMIT must be a number of bytes, optionally with K, M or G (e.g. 20M)'
			)
		);
	});

	it('writes mail to files unless SMTP_URL is set; From is derived from the municipality', () => {
		expect(parseConfig({ MUNICIPALITY_NAME: 'Gemeente Lier' }).mail).toEqual({
			smtpUrl: undefined,
			from: 'Gemeente Lier <noreply@loket.invalid>'
		});
		expect(parseConfig({ MUNICIPALITY_NAME: 'Sint-Niklaas (stad)' }).mail.from).toBe(
			'"Sint-Niklaas (stad)" <noreply@loket.invalid>'
		);
		expect(
			parseConfig({
				SMTP_URL: 'smtps://loket:geheim@mail.lier.be:465',
				MAIL_FROM: 'Stad Lier <loket@lier.be>'
			}).mail
		).toEqual({
			smtpUrl: 'smtps://loket:geheim@mail.lier.be:465',
			from: 'Stad Lier <loket@lier.be>'
		});
		expect(parseConfig({ SMTP_URL: '', MAIL_FROM: '' }).mail.smtpUrl).toBeUndefined();
	});

	it('refuses an SMTP_URL that is not smtp:// and a MAIL_FROM that is no address', () => {
		expect(() => parseConfig({ SMTP_URL: 'http://mail', MAIL_FROM: 'Gemeente' })).toThrow(
			new ConfigError(
				'Invalid configuration: SMTP_URL must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.be:587; ' +
					'MAIL_FROM must be an address, optionally with a name: Gemeente Voorbeeld <loket@voorbeeld.be>'
			)
		);
	});

	it('reads the account for fees, the beneficiary defaulting to the municipality', () => {
		expect(parseConfig({ MUNICIPALITY_NAME: 'Gemeente Lier' }).payment).toEqual({
			iban: null,
			bic: null,
			beneficiary: 'Gemeente Lier'
		});
		expect(
			parseConfig({
				PAYMENT_IBAN: 'be68 5390 0754 7034',
				PAYMENT_BIC: 'gkccbebb',
				PAYMENT_BENEFICIARY: 'Stad Lier – retributies'
			}).payment
		).toEqual({
			iban: 'BE68539007547034',
			bic: 'GKCCBEBB',
			beneficiary: 'Stad Lier – retributies'
		});
		expect(() => parseConfig({ PAYMENT_IBAN: 'BE68 5390 0754 7035', PAYMENT_BIC: 'GKCC' })).toThrow(
			new ConfigError(
				'Invalid configuration: PAYMENT_IBAN must be a valid IBAN, such as BE68 5390 0754 7034; ' +
					'PAYMENT_BIC must be a BIC of 8 or 11 characters, such as GKCCBEBB'
			)
		);
	});

	it('never prints a database password', () => {
		expect(redactUrl('postgres://loket:geheim@db:5432/loket')).toBe(
			'postgres://loket:***@db:5432/loket'
		);
	});
});
