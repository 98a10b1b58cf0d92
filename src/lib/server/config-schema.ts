// The configuration of a Loket server, parsed from environment variables by one zod schema. Both
// the SvelteKit server ($lib/server/config.ts) and the command-line scripts use it, so a variable
// means the same thing everywhere. Errors become one readable line each.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseIban } from '../process/validators/iban';
import { parsePasswordLogin, type PasswordLogin } from './auth/password-login';
import type { S3Settings } from './files/s3-storage';

const byteSize = z
	.string()
	.regex(/^\d+[KMG]?$/i, 'must be a number of bytes, optionally with K, M or G (e.g. 20M)');

export const configSchema = z.object({
	DATABASE_URL: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /^postgres(ql)?:\/\/[^/]+/.test(v), {
			message: 'must be a postgres:// URL such as postgres://user:password@host:5432/loket'
		}),
	DATABASE_OWNER_URL: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /^postgres(ql)?:\/\/[^/]+/.test(v), {
			message: 'must be a postgres:// URL of the role that owns the tables'
		}),
	DATA_DIR: z.string().trim().min(1).default('./data'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	ORIGIN: z
		.url({ message: 'must be the public URL of the site, e.g. https://loket.gemeente.be' })
		.optional(),
	BODY_SIZE_LIMIT: byteSize.default('20M'),
	MUNICIPALITY_NAME: z.string().trim().min(1).default('Gemeente Voorbeeld'),
	MUNICIPALITY_LOGO_FILE: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /\.(png|jpe?g)$/i.test(v), {
			message: 'must be a PNG or JPEG file (the logo on issued documents)'
		}),
	SEAL_P12_FILE: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined)),
	SEAL_P12_PASSWORD: z.string().optional(),
	POSTCODES_FILE: z.string().trim().optional(),
	SMTP_URL: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /^smtps?:\/\/[^/]+/.test(v), {
			message: 'must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.be:587'
		}),
	PAYMENT_IBAN: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || parseIban(v).ok, {
			message: 'must be a valid IBAN, such as BE68 5390 0754 7034'
		}),
	PAYMENT_BIC: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v.toUpperCase() : undefined))
		.refine((v) => v === undefined || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), {
			message: 'must be a BIC of 8 or 11 characters, such as GKCCBEBB'
		}),
	PAYMENT_BENEFICIARY: z.string().trim().max(70).optional(),
	MAIL_FROM: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine(
			(v) => v === undefined || /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$|^[^\s@<>]+@[^\s@<>]+$/.test(v),
			{
				message:
					'must be an address, optionally with a name: Gemeente Voorbeeld <loket@voorbeeld.be>'
			}
		),
	OIDC_PROVIDERS_FILE: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined)),
	FILE_STORAGE: z.enum(['local', 's3']).default('local'),
	S3_BUCKET: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined)),
	ARCHIVE_DIR: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined)),
	S3_PREFIX: z
		.string()
		.trim()
		.default('')
		.refine((v) => v === '' || /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(v), {
			message: 'must be empty or a path ending in /, such as loket/'
		}),
	S3_ENDPOINT: z
		.url({ message: 'must be the URL of the S3-compatible service, e.g. https://s3.example.be' })
		.optional(),
	S3_REGION: z.string().trim().min(1).default('us-east-1'),
	S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
	S3_ACCESS_KEY_ID: z.string().trim().optional(),
	S3_SECRET_ACCESS_KEY: z.string().optional(),
	RETENTION_OUTBOX_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
	RETENTION_PUSH_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
	RETENTION_ACCESS_LOG_YEARS: z.coerce.number().int().min(1).max(100).default(2),
	PASSWORD_LOGIN: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : 'citizens,staff'))
		.refine((v) => parsePasswordLogin(v) !== null, {
			message: 'must be citizens,staff (the default), citizens, staff or none'
		})
});

export type Config = {
	database:
		| {
				kind: 'postgres';
				/** What the application connects with; it then works as the role loket_app. */
				url: string;
				/** What migrations connect with (the tables' owner); unset: `url`. */
				ownerUrl?: string;
		  }
		| { kind: 'pglite'; dataDir: string };
	dataDir: string;
	/** Where uploaded files live: DATA_DIR/files, or an S3-compatible bucket (FILE_STORAGE=s3). */
	files: { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);
	port: number;
	host: string;
	origin: string | undefined;
	bodySizeLimit: string;
	municipalityName: string;
	/** Issued documents: the logo on them and the seal (a PKCS#12 file); unset, they are unsealed. */
	documents: {
		logoFile: string | undefined;
		seal: { p12File: string; password: string } | undefined;
	};
	/** The official postcode list (`postcode;place` lines); DATA_DIR/postcodes.csv by default. */
	postcodesFile: string;
	/**
	 * The account citizens pay fees into. Without an IBAN, Loket shows the amount and the
	 * structured reference but no account and no QR code.
	 */
	payment: { iban: string | null; bic: string | null; beneficiary: string };
	mail: {
		/** Where mail goes; without it every mail is written as an .eml file to DATA_DIR/mail. */
		smtpUrl: string | undefined;
		/** The From header: MAIL_FROM, else the municipality's name with a no-reply address. */
		from: string;
	};
	/** The OpenID Connect providers' settings (a JSON file); unset: passwords only. */
	oidcProvidersFile: string | undefined;
	/** Who may sign in with a password (PASSWORD_LOGIN); both by default. */
	passwordLogin: PasswordLogin;
	/** Retention (README, "What is kept, for how long"): see server/retention/terms.ts. */
	retention: {
		/** Where archived dossiers' packages go (ARCHIVE_DIR); DATA_DIR/archive by default. */
		archiveDir: string;
		outboxDays: number;
		pushDays: number;
		accessLogYears: number;
	};
};

export class ConfigError extends Error {
	override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = configSchema.safeParse(env);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
		throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
	}
	const c = result.data;
	if (c.SEAL_P12_PASSWORD !== undefined && !c.SEAL_P12_FILE)
		throw new ConfigError(
			'Invalid configuration: SEAL_P12_PASSWORD is only used with SEAL_P12_FILE'
		);
	if (c.DATABASE_OWNER_URL && !c.DATABASE_URL)
		throw new ConfigError(
			'Invalid configuration: DATABASE_OWNER_URL is only used with DATABASE_URL (PostgreSQL)'
		);
	const dataDir = resolve(c.DATA_DIR);
	if (c.FILE_STORAGE === 's3' && !c.S3_BUCKET)
		throw new ConfigError('Invalid configuration: FILE_STORAGE=s3 needs S3_BUCKET');
	if (!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY)
		throw new ConfigError(
			'Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together'
		);
	const iban = c.PAYMENT_IBAN ? parseIban(c.PAYMENT_IBAN) : null;
	return {
		database: c.DATABASE_URL
			? { kind: 'postgres', url: c.DATABASE_URL, ownerUrl: c.DATABASE_OWNER_URL }
			: { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
		dataDir,
		files:
			c.FILE_STORAGE === 's3'
				? {
						kind: 's3',
						bucket: c.S3_BUCKET!,
						prefix: c.S3_PREFIX,
						endpoint: c.S3_ENDPOINT,
						region: c.S3_REGION,
						// A service of its own is nearly always addressed by path; AWS by host.
						forcePathStyle: c.S3_FORCE_PATH_STYLE
							? c.S3_FORCE_PATH_STYLE === 'true'
							: c.S3_ENDPOINT !== undefined,
						credentials:
							c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY
								? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY }
								: undefined
					}
				: { kind: 'local', dir: resolve(dataDir, 'files') },
		port: c.PORT,
		host: c.HOST,
		origin: c.ORIGIN,
		bodySizeLimit: c.BODY_SIZE_LIMIT,
		municipalityName: c.MUNICIPALITY_NAME,
		documents: {
			logoFile: c.MUNICIPALITY_LOGO_FILE && resolve(c.MUNICIPALITY_LOGO_FILE),
			seal: c.SEAL_P12_FILE
				? { p12File: resolve(c.SEAL_P12_FILE), password: c.SEAL_P12_PASSWORD ?? '' }
				: undefined
		},
		postcodesFile: resolve(c.POSTCODES_FILE || resolve(dataDir, 'postcodes.csv')),
		payment: {
			iban: iban?.ok ? iban.value.normalized : null,
			bic: c.PAYMENT_BIC ?? null,
			beneficiary: c.PAYMENT_BENEFICIARY || c.MUNICIPALITY_NAME
		},
		mail: {
			smtpUrl: c.SMTP_URL,
			from: c.MAIL_FROM ?? `${quoteDisplayName(c.MUNICIPALITY_NAME)} <noreply@loket.invalid>`
		},
		oidcProvidersFile: c.OIDC_PROVIDERS_FILE ? resolve(c.OIDC_PROVIDERS_FILE) : undefined,
		passwordLogin: parsePasswordLogin(c.PASSWORD_LOGIN)!,
		retention: {
			archiveDir: resolve(c.ARCHIVE_DIR || resolve(dataDir, 'archive')),
			outboxDays: c.RETENTION_OUTBOX_DAYS,
			pushDays: c.RETENTION_PUSH_DAYS,
			accessLogYears: c.RETENTION_ACCESS_LOG_YEARS
		}
	};
}

/** A display name as a header allows it: quoted when it holds anything but words and spaces. */
function quoteDisplayName(name: string): string {
	return /^[\p{L}\p{N} ]+$/u.test(name) ? name : `"${name.replace(/["\\]/g, '\\$&')}"`;
}

/** A database URL without its password, safe to print. */
export function redactUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return '(unparsable URL)';
	}
}
