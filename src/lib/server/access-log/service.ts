// The access log: every look at a dossier by staff or by another system through the API, on record
// in the same append-only way as the audit trail (who, when, what, which dossier, which file or
// document). The services that show or hand out a dossier record the look themselves, with one
// insert per look and one multi-row insert per exported list, before the data leaves: a look that
// cannot be recorded is not given. The citizen's own looks are not logged: they are the data
// subject. Staff who may see a dossier see its log; an admin exports it for a data-protection
// request, per dossier or per citizen, and that export is itself a look on record.
import { m } from '$lib/i18n';
import { accessActionLabel } from '$lib/i18n/access';
import type { Locale } from '$lib/process/text';
import { isUuid } from '$lib/uuid';
import { csvCell } from '../csv';
import { getDb, type Db } from '../db';
import type { Executor } from '../db/executor';
import type { AccessAction, NewAccessLogEntry } from '../db/schema';
import type { AccessLogView } from '$lib/views/access-log';
import * as dossierRepo from '../dossiers/repository';
import * as repo from './repository';

/**
 * Who is looking: the citizen (not logged), a member of staff, or an API token. `preview`: staff
 * see a photo as a preview on the dossier's page (the browser loads it), not a download.
 */
export type Reader =
	| { kind: 'citizen' }
	| { kind: 'staff'; user: { id: string; name: string; email: string }; preview?: boolean }
	| { kind: 'api'; tokenId: string; name: string };

/** What they look at. A list (an export, an API page) names every dossier in it. */
export type Look =
	| { what: 'dossier'; dossierId: string }
	| { what: 'file'; dossierId: string; attachmentId: string }
	| { what: 'document'; dossierId: string; documentId: string }
	| { what: 'list'; dossierIds: readonly string[] }
	| { what: 'access-log'; dossierIds: readonly string[] };

const ACTIONS = {
	staff: {
		dossier: 'dossier.viewed',
		file: 'file.downloaded',
		document: 'document.downloaded',
		list: 'dossiers.exported',
		'access-log': 'access-log.exported'
	},
	api: {
		dossier: 'api.dossier.read',
		file: 'api.file.downloaded',
		document: 'api.document.downloaded',
		list: 'api.dossiers.listed',
		'access-log': null
	}
} as const satisfies Record<'staff' | 'api', Record<Look['what'], AccessAction | null>>;

export const staffReader = (user: { id: string; name: string; email: string }): Reader => ({
	kind: 'staff',
	user
});

/** Records one look (one statement, however many dossiers a list holds); nothing for a citizen. */
export async function record(
	reader: Reader,
	look: Look,
	db: Executor = getDb(),
	now = new Date()
): Promise<void> {
	if (reader.kind === 'citizen') return;
	const action =
		reader.kind === 'staff' && reader.preview && look.what === 'file'
			? 'file.previewed'
			: ACTIONS[reader.kind][look.what];
	if (!action) throw new Error(`${reader.kind} cannot ${look.what}`);
	const who =
		reader.kind === 'staff'
			? { userId: reader.user.id, tokenId: null, actorName: reader.user.name || reader.user.email }
			: { userId: null, tokenId: reader.tokenId, actorName: reader.name };
	const row = (dossierId: string): NewAccessLogEntry => ({
		...who,
		at: now,
		action,
		dossierId,
		attachmentId: look.what === 'file' ? look.attachmentId : null,
		documentId: look.what === 'document' ? look.documentId : null
	});
	const ids =
		look.what === 'list' || look.what === 'access-log'
			? [...new Set(look.dossierIds)]
			: [look.dossierId];
	await repo.insertEntries(db, ids.map(row));
}

/** How many lines the dossier page shows before its link to the whole log. */
export const PAGE_LIMIT = 50;

/**
 * The dossier's log, latest first: the last PAGE_LIMIT lines, or all of them; with the total.
 * The caller has checked that the user may see the dossier.
 */
export async function listForDossier(
	dossierId: string,
	options: { all: boolean },
	db: Db = getDb()
): Promise<AccessLogView> {
	const [rows, total] = await Promise.all([
		repo.listForDossier(db, dossierId, options.all ? null : PAGE_LIMIT),
		repo.countForDossier(db, dossierId)
	]);
	return {
		total,
		all: options.all,
		entries: rows.map((r) => ({
			id: r.id,
			at: r.at,
			action: r.action,
			actor: r.actorName,
			viaApi: r.tokenId !== null,
			subject: r.fileName ?? r.documentTitle
		}))
	};
}

/** What a data-protection request names: one dossier (reference or id), or a citizen's e-mail. */
export type Subject = { dossier: string } | { email: string };

/** The request a query string names: `dossier=<reference or id>` or `email=<address>`; or none. */
export function parseSubject(params: URLSearchParams): Subject | null {
	const dossier = params.get('dossier');
	if (dossier !== null) return { dossier: dossier.slice(0, 100) };
	const email = params.get('email');
	if (email !== null) return { email: email.slice(0, 400) };
	return null;
}

const REFERENCE = /^\d{4}-\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export type SubjectResult =
	| { ok: true; dossiers: { id: string; reference: string }[]; entries: number }
	| { ok: false; field: 'dossier' | 'email'; reason: 'required' | 'invalid' | 'not-found' };

/** The dossiers a request concerns, and how many lines their log has. */
export async function findSubject(subject: Subject, db: Db = getDb()): Promise<SubjectResult> {
	let dossiers: { id: string; reference: string }[];
	if ('dossier' in subject) {
		const key = subject.dossier.trim();
		if (!key) return { ok: false, field: 'dossier', reason: 'required' };
		if (!isUuid(key) && !REFERENCE.test(key))
			return { ok: false, field: 'dossier', reason: 'invalid' };
		const dossier = isUuid(key)
			? await dossierRepo.findById(db, key)
			: await dossierRepo.findByReference(db, key);
		if (!dossier) return { ok: false, field: 'dossier', reason: 'not-found' };
		dossiers = [{ id: dossier.id, reference: dossier.reference }];
	} else {
		const email = subject.email.trim();
		if (!email) return { ok: false, field: 'email', reason: 'required' };
		if (!EMAIL.test(email) || email.length > 320)
			return { ok: false, field: 'email', reason: 'invalid' };
		dossiers = await repo.listDossiersOfCitizen(db, email);
		if (dossiers.length === 0) return { ok: false, field: 'email', reason: 'not-found' };
	}
	const counts = await Promise.all(dossiers.map((d) => repo.countForDossier(db, d.id)));
	return { ok: true, dossiers, entries: counts.reduce((a, b) => a + b, 0) };
}

/**
 * The log of the dossiers of a data-protection request as CSV (UTF-8 with a byte order mark,
 * `;`-separated), for an admin (the route checks the role). The export is recorded first, one
 * line per dossier, in the same transaction, so it is in the file it produces.
 */
export async function exportForSubject(
	admin: { id: string; name: string; email: string },
	subject: Subject,
	locale: Locale,
	db: Db = getDb(),
	now = new Date()
): Promise<{ ok: true; csv: string } | Extract<SubjectResult, { ok: false }>> {
	const found = await findSubject(subject, db);
	if (!found.ok) return found;
	const ids = found.dossiers.map((d) => d.id);
	const rows = await db.transaction().execute(async (trx) => {
		await record(staffReader(admin), { what: 'access-log', dossierIds: ids }, trx, now);
		return repo.listForDossiers(trx, ids);
	});
	const o = { locale };
	const line = (cells: string[]) => cells.map(csvCell).join(';') + '\r\n';
	const header = line([
		m.accessColDossier({}, o),
		m.accessColAt({}, o),
		m.accessColWho({}, o),
		m.accessColVia({}, o),
		m.accessColWhat({}, o),
		m.accessColSubject({}, o)
	]);
	const body = rows
		.map((r) =>
			line([
				r.reference,
				r.at.toISOString(),
				r.actorName,
				r.tokenId ? m.accessViaApi({}, o) : m.accessViaBackoffice({}, o),
				accessActionLabel(r.action, locale),
				r.fileName ?? r.documentTitle ?? ''
			])
		)
		.join('');
	return { ok: true, csv: '\uFEFF' + header + body };
}
