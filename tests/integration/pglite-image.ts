// Vitest's global set-up for the integration tests on the embedded database: migrates one
// in-memory PGlite once and writes its data directory to a file, which every test file then loads
// (test-db.ts) instead of running every migration again, seconds less per test file. Each file
// still runs the migrator (which finds nothing left to do); the tests of the migrations
// themselves migrate their own database from scratch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

export default async function setup(project: TestProject) {
	if (process.env.DATABASE_URL) return;
	const open = await openDatabase({ kind: 'pglite', dataDir: null });
	await migrateToLatest(open.db);
	const image = await open.dump!();
	await open.close();
	const dir = mkdtempSync(join(tmpdir(), 'loket-pglite-image-'));
	const file = join(dir, 'migrated.tar');
	writeFileSync(file, Buffer.from(await image.arrayBuffer()));
	project.provide('pgliteImage', file);
	return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteImage: string;
	}
}
