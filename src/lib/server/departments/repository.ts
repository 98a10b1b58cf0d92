// Kysely queries for departments, their members and processes, and the one predicate that says
// which dossiers a member of staff may see. No rules here: see service.ts.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database, Department } from '../db/schema';
import type { Executor } from '../db/executor';

/** What a member of staff may see: their departments, and the processes those handle. */
export type StaffScope = {
	readonly departmentIds: readonly string[];
	readonly processIds: readonly string[];
};

/** Never an id: keeps `in (…)` valid when a list is empty. */
const NONE = '00000000-0000-0000-0000-000000000000';

/**
 * The dossiers (aliased `d`) a member of staff with this scope may see: those handed over to one
 * of their departments, and those never handed over whose process one of their departments handles.
 */
export function visibleIn(
	eb: ExpressionBuilder<Database & { d: Database['dossier'] }, 'd'>,
	scope: StaffScope
): Expression<SqlBool> {
	return eb.or([
		eb('d.departmentId', 'in', [...scope.departmentIds, NONE]),
		eb.and([eb('d.departmentId', 'is', null), eb('d.processId', 'in', [...scope.processIds, ''])])
	]);
}

/** The same for the inbox tally's rows (aliased `t`). */
export function tallyVisibleIn(
	eb: ExpressionBuilder<Database & { t: Database['dossierTally'] }, 't'>,
	scope: StaffScope
): Expression<SqlBool> {
	return eb.or([
		eb('t.departmentId', 'in', [...scope.departmentIds, NONE]),
		eb.and([eb('t.departmentId', 'is', null), eb('t.processId', 'in', [...scope.processIds, ''])])
	]);
}

export async function scopeOf(db: Executor, userId: string): Promise<StaffScope> {
	const rows = await db
		.selectFrom('departmentMember as m')
		.leftJoin('processDepartment as p', 'p.departmentId', 'm.departmentId')
		.select(['m.departmentId', 'p.processId'])
		.where('m.userId', '=', userId)
		.execute();
	return {
		departmentIds: [...new Set(rows.map((r) => r.departmentId))],
		processIds: [...new Set(rows.flatMap((r) => (r.processId ? [r.processId] : [])))]
	};
}

export type DepartmentRow = Department & { members: number; processes: number };

export async function listAll(db: Executor): Promise<DepartmentRow[]> {
	const rows = await db
		.selectFrom('department as dep')
		.selectAll('dep')
		.select([
			sql<string>`(select count(*) from department_member m where m.department_id = dep.id)`.as(
				'members'
			),
			sql<string>`(select count(*) from process_department p where p.department_id = dep.id)`.as(
				'processes'
			)
		])
		.orderBy(sql`lower(dep.name)`)
		.execute();
	return rows.map((r) => ({ ...r, members: Number(r.members), processes: Number(r.processes) }));
}

export async function find(db: Executor, id: string): Promise<Department | undefined> {
	return db.selectFrom('department').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByName(db: Executor, name: string): Promise<Department | undefined> {
	return db
		.selectFrom('department')
		.selectAll()
		.where(sql<SqlBool>`lower(btrim(name)) = lower(btrim(${name}))`)
		.executeTakeFirst();
}

export async function insert(db: Executor, name: string): Promise<Department> {
	return db.insertInto('department').values({ name }).returningAll().executeTakeFirstOrThrow();
}

export async function rename(db: Executor, id: string, name: string): Promise<void> {
	await db.updateTable('department').set({ name }).where('id', '=', id).execute();
}

export async function remove(db: Executor, id: string): Promise<void> {
	await db.deleteFrom('department').where('id', '=', id).execute();
}

/** Dossiers handed over to this department (they keep it from being removed). */
export async function countHandedOver(db: Executor, id: string): Promise<number> {
	const row = await db
		.selectFrom('dossier')
		.select(sql<string>`count(*)`.as('n'))
		.where('departmentId', '=', id)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listMemberIds(db: Executor, id: string): Promise<string[]> {
	const rows = await db
		.selectFrom('departmentMember')
		.select('userId')
		.where('departmentId', '=', id)
		.execute();
	return rows.map((r) => r.userId);
}

export async function setMembers(db: Executor, id: string, userIds: string[]): Promise<void> {
	await db.deleteFrom('departmentMember').where('departmentId', '=', id).execute();
	if (userIds.length)
		await db
			.insertInto('departmentMember')
			.values(userIds.map((userId) => ({ departmentId: id, userId })))
			.execute();
}

export async function listProcessIds(db: Executor, id: string): Promise<string[]> {
	const rows = await db
		.selectFrom('processDepartment')
		.select('processId')
		.where('departmentId', '=', id)
		.execute();
	return rows.map((r) => r.processId);
}

export async function setProcesses(db: Executor, id: string, processIds: string[]): Promise<void> {
	await db.deleteFrom('processDepartment').where('departmentId', '=', id).execute();
	if (processIds.length)
		await db
			.insertInto('processDepartment')
			.values(processIds.map((processId) => ({ departmentId: id, processId })))
			.execute();
}

/** Processes that no department would handle any more if `id` handled only `keep`. */
export async function processesLeftWithout(
	db: Executor,
	id: string,
	keep: string[]
): Promise<string[]> {
	const rows = await db
		.selectFrom('processDepartment as p')
		.select('p.processId')
		.where('p.departmentId', '=', id)
		.where('p.processId', 'not in', [...keep, ''])
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('processDepartment as o')
						.select('o.processId')
						.whereRef('o.processId', '=', 'p.processId')
						.where('o.departmentId', '<>', id)
				)
			)
		)
		.execute();
	return rows.map((r) => r.processId);
}

/** The departments that handle a process. */
export async function listForProcess(db: Executor, processId: string): Promise<Department[]> {
	return db
		.selectFrom('department as dep')
		.innerJoin('processDepartment as p', 'p.departmentId', 'dep.id')
		.selectAll('dep')
		.where('p.processId', '=', processId)
		.orderBy(sql`lower(dep.name)`)
		.execute();
}

/** Active staff and admins in any of these departments: who a dossier of theirs can go to. */
export async function listMembersOf(
	db: Executor,
	departmentIds: readonly string[]
): Promise<{ id: string; name: string; email: string }[]> {
	return db
		.selectFrom('appUser as u')
		.select(['u.id', 'u.name', 'u.email'])
		.where('u.deletedAt', 'is', null)
		.where(sql<SqlBool>`u.roles && array['staff','admin']::text[]`)
		.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('departmentMember as m')
					.select('m.userId')
					.whereRef('m.userId', '=', 'u.id')
					.where('m.departmentId', 'in', [...departmentIds, NONE])
			)
		)
		.orderBy('u.name')
		.orderBy('u.email')
		.execute();
}

/** Everyone who may be a member: active staff and admins, with their departments' ids. */
export async function listCandidates(
	db: Executor
): Promise<{ id: string; name: string; email: string; roles: string[] }[]> {
	return db
		.selectFrom('appUser')
		.select(['id', 'name', 'email', 'roles'])
		.where('deletedAt', 'is', null)
		.where(sql<SqlBool>`roles && array['staff','admin']::text[]`)
		.orderBy('name')
		.orderBy('email')
		.execute();
}

export async function setDossierDepartment(
	db: Executor,
	dossierId: string,
	departmentId: string
): Promise<void> {
	await db.updateTable('dossier').set({ departmentId }).where('id', '=', dossierId).execute();
}
