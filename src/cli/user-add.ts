// npm run user:add -- --email a@b.be --password '…' --role staff [--role clerk] [--name 'Ann']
// Creates an account for staff, clerks or admins (its e-mail counts as verified) on the configured
// database: DATABASE_URL, or the embedded database in DATA_DIR while the server is stopped. Like the
// server, it migrates as the tables' owner and then writes as the application's role.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileMigrationProvider } from 'kysely';
import { parseConfig } from '../lib/server/config-schema';
import { openMigrated } from '../lib/server/db/connect';
import { DatabaseLockedError } from '../lib/server/db/lock';
import { migrateToLatest } from '../lib/server/db/migrate';
import { addUser, type AddUserResult } from '../lib/server/users/service';

const USAGE =
	"Usage: npm run user:add -- --email a@b.be --password '…' --role staff [--role clerk] [--name 'Ann']";

const refusals: Record<Extract<AddUserResult, { ok: false }>['reason'], string> = {
	'email-taken': 'an account with this e-mail address already exists',
	'invalid-email': 'the e-mail address is not valid',
	'too-short': 'the password is too short (at least 12 characters)',
	'too-long': 'the password is too long (at most 200 characters)',
	'contains-email': 'the password must not contain the e-mail address',
	'contains-name': 'the password must not contain the name',
	common: 'the password is too common',
	'unknown-role': 'unknown role (use citizen, staff, clerk or admin)',
	'no-role': 'give at least one --role'
};

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

let args;
try {
	args = parseArgs({
		options: {
			email: { type: 'string' },
			password: { type: 'string' },
			role: { type: 'string', multiple: true },
			name: { type: 'string' }
		},
		strict: true,
		allowPositionals: false
	}).values;
} catch (e) {
	fail(`${(e as Error).message}\n${USAGE}`);
}
if (!args.email || !args.password) fail(`--email and --password are required.\n${USAGE}`);

try {
	const config = parseConfig(process.env);
	const folder = path.resolve(import.meta.dirname, '../../migrations');
	const { db, close } = await openMigrated(config.database, (owner) =>
		migrateToLatest(owner, new FileMigrationProvider({ fs, path, migrationFolder: folder }))
	);
	try {
		const result = await addUser(
			{
				email: args.email,
				password: args.password,
				roles: args.role ?? [],
				name: args.name
			},
			db
		);
		if (result.ok)
			console.log(`Created user ${result.user.email} with roles ${result.user.roles.join(', ')}.`);
		else console.error(`User not created: ${refusals[result.reason]}.`);
		process.exitCode = result.ok ? 0 : 1;
	} finally {
		await close();
	}
} catch (e) {
	if (e instanceof DatabaseLockedError)
		fail(
			'The embedded database is in use by a running Loket server: stop the server first, or set DATABASE_URL to use a PostgreSQL server.'
		);
	fail(`User not created: ${(e as Error).message}`);
}
