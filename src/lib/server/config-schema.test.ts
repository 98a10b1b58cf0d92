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

	it('never prints a database password', () => {
		expect(redactUrl('postgres://loket:geheim@db:5432/loket')).toBe(
			'postgres://loket:***@db:5432/loket'
		);
	});
});
