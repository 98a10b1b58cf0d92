// Departments (issue 20, item 2): the municipality's services, who works in each, and which
// processes each handles. A member of staff sees and handles only the dossiers of their
// departments (`scopeFor`, `canSee`; the queries use repository.visibleIn); a dossier can be
// handed over to another department (dossiers/handling.ts handOver). The admin keeps them: every
// process keeps at least one department, the default one cannot be removed, and neither can one
// that still has dossiers handed to it.
import { isUuid } from '$lib/uuid';
import { getDb, type Db } from '../db';
import type { Department, Dossier } from '../db/schema';
import type { Executor } from '../db/executor';
import * as processRepo from '../processes/repository';
import * as repo from './repository';

export type { StaffScope } from './repository';
export const DEPARTMENT_NAME_MAX = 100;

/** The departments a member of staff works in, and the processes those handle. */
export async function scopeFor(userId: string, db: Db = getDb()): Promise<repo.StaffScope> {
	return repo.scopeOf(db, userId);
}

/** Whether a dossier is one this scope may see (the same rule as repository.visibleIn). */
export function canSee(
	scope: repo.StaffScope,
	dossier: Pick<Dossier, 'departmentId' | 'processId'>
) {
	return dossier.departmentId
		? scope.departmentIds.includes(dossier.departmentId)
		: scope.processIds.includes(dossier.processId);
}

export async function find(id: string, db: Executor = getDb()): Promise<Department | null> {
	return isUuid(id) ? ((await repo.find(db, id)) ?? null) : null;
}

/** The departments handling a dossier now: the one it was handed to, or its process's. */
export async function departmentsOf(
	dossier: Pick<Dossier, 'departmentId' | 'processId'>,
	db: Executor = getDb()
): Promise<Department[]> {
	if (dossier.departmentId) {
		const d = await repo.find(db, dossier.departmentId);
		return d ? [d] : [];
	}
	return repo.listForProcess(db, dossier.processId);
}

/** The colleagues a dossier can be assigned to: members of the departments that handle it. */
export async function colleaguesFor(
	dossier: Pick<Dossier, 'departmentId' | 'processId'>,
	db: Executor = getDb()
) {
	const departments = await departmentsOf(dossier, db);
	return repo.listMembersOf(
		db,
		departments.map((d) => d.id)
	);
}

/** Whether this user works in a department that handles the dossier now. */
export async function worksOn(
	userId: string,
	dossier: Pick<Dossier, 'departmentId' | 'processId'>,
	db: Executor = getDb()
): Promise<boolean> {
	return canSee(await repo.scopeOf(db, userId), dossier);
}

/** The processes a department handles. */
export async function processIdsOf(id: string, db: Executor = getDb()): Promise<string[]> {
	return isUuid(id) ? repo.listProcessIds(db, id) : [];
}

export async function list(db: Db = getDb()) {
	return repo.listAll(db);
}

export type NameIssue = 'required' | 'too-long' | 'taken';

function checkName(name: string): NameIssue | null {
	if (!name) return 'required';
	if (name.length > DEPARTMENT_NAME_MAX) return 'too-long';
	return null;
}

export async function create(
	input: { name: string },
	db: Db = getDb()
): Promise<{ ok: true; department: Department } | { ok: false; name: NameIssue }> {
	const name = input.name.trim();
	const issue = checkName(name) ?? ((await repo.findByName(db, name)) ? 'taken' : null);
	if (issue) return { ok: false, name: issue };
	return { ok: true, department: await repo.insert(db, name) };
}

export type DepartmentPage = {
	department: Department;
	memberIds: string[];
	processIds: string[];
	candidates: { id: string; name: string; email: string }[];
	processes: { id: string; title: unknown }[];
};

/** One department with everything its page shows; null when there is none with this id. */
export async function get(id: string, db: Db = getDb()): Promise<DepartmentPage | null> {
	if (!isUuid(id)) return null;
	const department = await repo.find(db, id);
	if (!department) return null;
	const [memberIds, processIds, candidates, processes] = await Promise.all([
		repo.listMemberIds(db, id),
		repo.listProcessIds(db, id),
		repo.listCandidates(db),
		processRepo.listProcessTitles(db)
	]);
	return {
		department,
		memberIds,
		processIds,
		candidates: candidates.map(({ id, name, email }) => ({ id, name, email })),
		processes
	};
}

export type UpdateIssues = {
	name?: NameIssue;
	/** Processes no department would handle any more. */
	orphans?: string[];
	/** Members or processes that are not (any more) what the page offered. */
	unknown?: true;
};
export type UpdateResult =
	{ ok: true } | { ok: false; reason: 'not-found' } | { ok: false; issues: UpdateIssues };

/** Saves a department's name, members and processes at once, or nothing. */
export async function update(
	id: string,
	input: { name: string; memberIds: string[]; processIds: string[] },
	db: Db = getDb()
): Promise<UpdateResult> {
	if (!isUuid(id)) return { ok: false, reason: 'not-found' };
	return db.transaction().execute(async (trx): Promise<UpdateResult> => {
		const department = await repo.find(trx, id);
		if (!department) return { ok: false, reason: 'not-found' };
		const issues: UpdateIssues = {};
		const name = input.name.trim();
		const nameIssue = checkName(name);
		if (nameIssue) issues.name = nameIssue;
		else {
			const same = await repo.findByName(trx, name);
			if (same && same.id !== id) issues.name = 'taken';
		}
		const memberIds = [...new Set(input.memberIds)];
		const processIds = [...new Set(input.processIds)];
		const candidates = new Set((await repo.listCandidates(trx)).map((c) => c.id));
		const known = new Set((await processRepo.listProcessTitles(trx)).map((p) => p.id));
		if (memberIds.some((m) => !candidates.has(m)) || processIds.some((p) => !known.has(p)))
			issues.unknown = true;
		const orphans = await repo.processesLeftWithout(trx, id, processIds);
		if (orphans.length) issues.orphans = orphans;
		if (Object.keys(issues).length) return { ok: false, issues };
		await repo.rename(trx, id, name);
		await repo.setMembers(trx, id, memberIds);
		await repo.setProcesses(trx, id, processIds);
		return { ok: true };
	});
}

export type RemoveResult =
	| { ok: true }
	| { ok: false; reason: 'not-found' | 'default' | 'handed-over' }
	| { ok: false; reason: 'orphans'; processIds: string[] };

/** Removes a department that is not the default, has no dossier handed to it, and leaves no process without one. */
export async function remove(id: string, db: Db = getDb()): Promise<RemoveResult> {
	if (!isUuid(id)) return { ok: false, reason: 'not-found' };
	return db.transaction().execute(async (trx): Promise<RemoveResult> => {
		const department = await repo.find(trx, id);
		if (!department) return { ok: false, reason: 'not-found' };
		if (department.isDefault) return { ok: false, reason: 'default' };
		if ((await repo.countHandedOver(trx, id)) > 0) return { ok: false, reason: 'handed-over' };
		const orphans = await repo.processesLeftWithout(trx, id, []);
		if (orphans.length) return { ok: false, reason: 'orphans', processIds: orphans };
		await repo.remove(trx, id);
		return { ok: true };
	});
}
