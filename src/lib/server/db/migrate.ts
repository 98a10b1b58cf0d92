// Runs the migrations in /migrations. In the app they are bundled with import.meta.glob, so the
// built server needs no source files; the CLI passes a provider that imports them from disk.
import {
	Migrator,
	type Kysely,
	type Migration,
	type MigrationProvider,
	type MigrationResult
} from 'kysely';

export class GlobMigrationProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		const modules = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });
		return Object.fromEntries(
			Object.entries(modules).map(([path, mod]) => [
				path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, ''),
				{ up: mod.up, down: mod.down }
			])
		);
	}
}

export async function migrateToLatest(
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are typed against no schema
	db: Kysely<any>,
	provider: MigrationProvider = new GlobMigrationProvider(),
	/** The schema the database was opened in, if not the default: Kysely would otherwise find
	 * another schema's migration lock table and never create its own. */
	schema?: string
): Promise<MigrationResult[]> {
	const { error, results } = await new Migrator({
		db,
		provider,
		...(schema ? { migrationTableSchema: schema } : {})
	}).migrateToLatest();
	if (error) throw error;
	return results ?? [];
}
