// How long handling took (issue 20: the overview for team leads, and the figures on each product
// page and in open data), kept on the dossier when it changes, so that no query has to replay
// its history:
//  - paused_days: the working days the clock stood still so far (added when it runs again or
//    stops; dossiers/handling.ts).
//  - handling_days: set when a final state decides the dossier (not one that stops it, such as a
//    withdrawal): working days from the day of filing to the day of the decision, less
//    paused_days; null while open and for a stopped dossier.
//  - dossier_handled: the decided dossiers by process and closing time, with their handling_days, so the
//    figures are read from the index alone.
//  - dossier_inflow: dossiers by process and filing time, for the overview's inflow per week.
// Dossiers decided before this migration get handling_days from their filing and closing days; the
// pauses before it were not recorded, so they count as handling time. The change feed's trigger
// is held off while they are filled in: nothing changed for another system.
// Frozen once landed.
import { sql, type Kysely } from 'kysely';
import { countWorkingDays, toIsoDate } from '../src/lib/process/calendar';

export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`alter table dossier add column paused_days integer not null default 0,
		add column handling_days integer`.execute(db);
	await sql`alter table dossier add constraint dossier_handling_days check (handling_days >= 0 and paused_days >= 0)`.execute(
		db
	);

	await sql`alter table dossier disable trigger dossier_change`.execute(db);
	let after = '00000000-0000-0000-0000-000000000000';
	for (;;) {
		// Aliases that read the same with or without the app's CamelCasePlugin.
		const { rows } = await sql<{ id: string; filed: Date; closed: Date }>`
			select d.id, d.submitted_at as filed, d.closed_at as closed from dossier d
			where d.closed_at is not null and d.id > ${after}::uuid
				and not exists (
					select 1 from process_version v, jsonb_array_elements(v.definition -> 'workflow' -> 'states') s
					where v.process_id = d.process_id and v.version = d.process_version
						and s ->> 'id' = d.status and s ->> 'vlaamseCode' = 'Stopgezet')
			order by d.id limit 5000`.execute(db);
		if (rows.length === 0) break;
		const values = rows.map(
			(r) =>
				sql`(${r.id}::uuid, ${Math.max(0, countWorkingDays(toIsoDate(r.filed), toIsoDate(r.closed)))}::int)`
		);
		await sql`update dossier d set handling_days = v.n from (values ${sql.join(values)}) v(id, n)
			where d.id = v.id`.execute(db);
		after = rows[rows.length - 1]!.id;
	}
	await sql`alter table dossier enable trigger dossier_change`.execute(db);

	await sql`create index dossier_handled on dossier (process_id, closed_at) include (handling_days)
		where handling_days is not null`.execute(db);
	await sql`create index dossier_inflow on dossier (process_id, submitted_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop index dossier_inflow`.execute(db);
	await sql`drop index dossier_handled`.execute(db);
	await sql`alter table dossier drop constraint dossier_handling_days`.execute(db);
	await sql`alter table dossier drop column handling_days, drop column paused_days`.execute(db);
}
