// npm run user:add -- --email a@b.be --password '…' --role staff [--role clerk] [--name 'Ann']
// npm run user:add -- --accounts accounts.json   (several at once: [{ email, password, roles, name }])
// Creates accounts for staff, clerks or admins (the e-mail counts as verified) on the configured
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
import { addUser, checkNewUser, type AddUserResult } from '../lib/server/users/service';

const USAGE = [
	"Usage: npm run user:add -- --email a@b.be --password '…' --role staff [--role clerk] [--name 'Ann']",
	'   or: npm run user:add -- --accounts accounts.json',
	'       (a JSON list of { "email", "password", "roles": [...], "name" }; every account is checked',
	'       before the first is made, and they are made in order until one is refused)'
].join('\n');

type Account = { email: string; password: string; roles: string[]; name?: string };

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

let args: { email?: string; password?: string; role?: string[]; name?: string; accounts?: string };
try {
	args = parseArgs({
		options: {
			email: { type: 'string' },
			password: { type: 'string' },
			role: { type: 'string', multiple: true },
			name: { type: 'string' },
			accounts: { type: 'string' }
		},
		strict: true,
		allowPositionals: false
	}).values;
} catch (e) {
	fail(`${(e as Error).message}\n${USAGE}`);
}

/** The accounts asked for: one from the flags, or the list in the --accounts file. */
async function readAccounts(): Promise<Account[]> {
	if (!args.accounts) {
		if (!args.email || !args.password) fail(`--email and --password are required.\n${USAGE}`);
		return [
			{ email: args.email, password: args.password, roles: args.role ?? [], name: args.name }
		];
	}
	if (args.email || args.password || args.role || args.name)
		fail(`--accounts cannot be combined with --email, --password, --role or --name.\n${USAGE}`);
	let list: unknown;
	try {
		list = JSON.parse(await fs.readFile(args.accounts, 'utf8'));
	} catch (e) {
		fail(`Cannot read ${args.accounts}: ${(e as Error).message}`);
	}
	const valid = (a: unknown): a is Account => {
		const x = a as Partial<Record<keyof Account, unknown>> | null;
		return (
			typeof x === 'object' &&
			x !== null &&
			typeof x.email === 'string' &&
			typeof x.password === 'string' &&
			Array.isArray(x.roles) &&
			x.roles.every((r) => typeof r === 'string') &&
			(x.name === undefined || typeof x.name === 'string')
		);
	};
	if (!Array.isArray(list) || list.length === 0)
		fail(`${args.accounts}: expected a list of accounts.`);
	const bad = list.findIndex((a) => !valid(a));
	if (bad >= 0)
		fail(
			`${args.accounts}, account ${bad + 1}: expected { email, password, roles: [...], name? }.`
		);
	return list as Account[];
}
const accounts = await readAccounts();
// Every account is checked before the first is made, so a typo in the list makes none.
for (const [i, account] of accounts.entries()) {
	const reason = checkNewUser(account);
	if (reason)
		fail(
			`User not created${accounts.length > 1 ? ` (account ${i + 1}, ${account.email})` : ''}: ${refusals[reason]}.`
		);
}

try {
	const config = parseConfig(process.env);
	const folder = path.resolve(import.meta.dirname, '../../migrations');
	const { db, close } = await openMigrated(config.database, (owner) =>
		migrateToLatest(owner, new FileMigrationProvider({ fs, path, migrationFolder: folder }))
	);
	try {
		for (const account of accounts) {
			const result = await addUser(account, db);
			if (!result.ok) {
				console.error(`User not created (${account.email}): ${refusals[result.reason]}.`);
				process.exitCode = 1;
				break;
			}
			console.log(`Created user ${result.user.email} with roles ${result.user.roles.join(', ')}.`);
		}
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
