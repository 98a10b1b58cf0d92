// The inbox's quick views "mine" and "unassigned" (open dossiers of one assignee, or of nobody, by
// due date): a partial index per view in the order the page reads (the sort key of
// backoffice/repository.ts listInbox, then id), so a page is a short index range instead of
// every open dossier of the assignee sorted. IS NULL is no equality for the planner's ordering,
// hence a separate index for "unassigned". Frozen once landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`create index dossier_open_assignee_due on dossier
		(assignee_id, (coalesce(due_date, date '9999-12-31')), id) where closed_at is null`.execute(db);
	await sql`create index dossier_open_unassigned_due on dossier
		((coalesce(due_date, date '9999-12-31')), id) where closed_at is null and assignee_id is null`.execute(
		db
	);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropIndex('dossier_open_unassigned_due').execute();
	await db.schema.dropIndex('dossier_open_assignee_due').execute();
}
