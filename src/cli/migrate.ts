// npm run db:migrate — runs the migrations against the configured database (as the owner of the
// tables: DATABASE_OWNER_URL, else DATABASE_URL; or the embedded database in DATA_DIR while the
// server is stopped) and says what it did.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely';
import { parseConfig } from '../lib/server/config-schema';
import { openDatabase, ownerUrl } from '../lib/server/db/connect';
import { migrateToLatest } from '../lib/server/db/migrate';

try {
	const config = parseConfig(process.env);
	const target = config.database;
	const { db, close } = await openDatabase(
		target.kind === 'postgres' ? { kind: 'postgres', url: ownerUrl(target) } : target
	);
	try {
		const folder = path.resolve(import.meta.dirname, '../../migrations');
		const results = await migrateToLatest(
			db,
			new FileMigrationProvider({ fs, path, migrationFolder: folder })
		);
		for (const r of results)
			console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
		console.log(
			results.length === 0 ? 'The database is up to date.' : `${results.length} migration(s) run.`
		);
	} finally {
		await close();
	}
} catch (e) {
	console.error(`Migration failed: ${(e as Error).message}`);
	process.exit(1);
}
