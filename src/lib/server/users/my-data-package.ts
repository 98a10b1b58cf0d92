// The data package of "Mijn gegevens": one ZIP with gegevens.json (everything my-data.ts
// gathers, answers both by key and by the definition's label) and the person's files under
// bestanden/<reference>/<name>. The ZIP is streamed with fflate: entries are read from
// FileStorage one at a time when the reader asks for more, so the archive is never whole in
// memory, however many photos a person filed. Names in the archive come from stored rows, cleaned
// so that no name can climb out of its folder when unpacked. Downloads are counted per account
// (login_attempt, kind 'export') and refused cheaply, before anything is read, when hammered.
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { toIsoDate } from '$lib/process/calendar';
import { localize, type Locale, type LocalText } from '$lib/process/text';
import type { TimelineEntry } from '$lib/views/dossier';
import { normaliseEmail } from '../auth/rate-limit';
import { getDb, type Db } from '../db';
import * as documents from '../documents/service';
import { getFileStorage } from '../files';
import { readAll, readStored, type FileStorage } from '../files/storage';
import type { Provider } from '../oidc/config';
import * as payments from '../payments/service';
import { pushService, type MyData } from './my-data';
import * as repo from './my-data-repository';

export const EXPORT_WINDOW_MS = 60 * 60 * 1000;
export const MAX_EXPORTS_PER_WINDOW = 10;
export const PACKAGE_FORMAT = 'loket-mijn-gegevens/1';

export type DownloadAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Whether this account may download its package now; an allowed download is counted at once, so
 * a burst of parallel requests cannot all slip under the limit before any is recorded.
 */
export async function allowDownload(
	user: { email: string },
	ip: string,
	db: Db = getDb(),
	now = new Date()
): Promise<DownloadAllowance> {
	const emailLower = normaliseEmail(user.email);
	const since = new Date(now.getTime() - EXPORT_WINDOW_MS);
	const oldest = await repo.findNthRecentExport(db, emailLower, since, MAX_EXPORTS_PER_WINDOW);
	if (oldest) {
		const retryAfterMs = oldest.getTime() + EXPORT_WINDOW_MS - now.getTime();
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
	}
	await repo.insertExport(db, { emailLower, ip, at: now });
	return { allowed: true };
}

/** The package's file name, dated (Brussels): loket-gegevens-2026-12-07.zip. */
export function packageFileName(now = new Date()): string {
	return `loket-gegevens-${toIsoDate(now)}.zip`;
}

/** A stored file name as one safe path segment: no separators, no control characters, no "..". */
export function safeSegment(name: string, fallback = 'bestand'): string {
	// eslint-disable-next-line no-control-regex -- control characters are exactly what goes
	const cleaned = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_').replace(/^[.\s]+/, '');
	return cleaned.trim().slice(0, 150) || fallback;
}

/** A name not yet used in this folder: "foto.jpg", then "foto (2).jpg". */
function uniqueIn(used: Set<string>, name: string): string {
	let candidate = name;
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
	used.add(candidate.toLowerCase());
	return candidate;
}

type Entry = { path: string; read: () => Promise<Uint8Array> };

function timelineEntry(e: TimelineEntry, text: (t: LocalText) => string) {
	switch (e.kind) {
		case 'submitted':
			return { at: e.at, what: 'submitted', channel: e.channel };
		case 'state':
			return {
				at: e.at,
				what: 'state',
				from: e.fromLabel ? text(e.fromLabel) : null,
				to: text(e.label)
			};
		case 'message':
			return { at: e.at, what: 'message', from: e.from };
		case 'payment':
			return { at: e.at, what: 'payment', received: e.received, amountCents: e.amountCents };
		case 'document':
			return { at: e.at, what: 'document', title: e.title };
		case 'assigned':
		case 'handed-over':
			return { at: e.at, what: e.kind };
		case 'other':
			return { at: e.at, what: e.type };
	}
}

/**
 * gegevens.json and the files to put beside it. Paths are decided here once, so the JSON names
 * exactly the paths the archive holds.
 */
export async function describePackage(
	data: MyData,
	locale: Locale,
	providers: Pick<Provider, 'id' | 'label'>[],
	deps: { storage: FileStorage } = { storage: getFileStorage() },
	db: Db = getDb(),
	now = new Date()
): Promise<{ json: unknown; files: Entry[] }> {
	const text = (t: LocalText) => localize(t, locale);
	const providerName = (id: string) => {
		const label = providers.find((p) => p.id === id)?.label;
		return label ? text(label) : id;
	};
	const files: Entry[] = [];
	const dossiers = [];
	for (const own of data.dossiers) {
		const { dossier, view } = own;
		const folder = `bestanden/${safeSegment(dossier.reference, 'dossier')}`;
		const used = new Set<string>();
		const pathOf = new Map<string, string>();
		for (const file of own.files) {
			const path = `${folder}/${uniqueIn(used, safeSegment(file.fileName))}`;
			pathOf.set(file.id, path);
			files.push({ path, read: () => readStored(deps.storage, file.sha256) });
		}
		const issued = own.documents.map((d) => {
			const path = `${folder}/${uniqueIn(used, safeSegment(d.fileName, 'document.pdf'))}`;
			files.push({
				path,
				read: async () => {
					const opened = await documents.openDocument(dossier, d.id, { kind: 'citizen' }, deps, db);
					if (!opened) throw new Error(`document ${d.id} of ${dossier.reference} is gone`);
					return readAll(opened.body);
				}
			});
			return { title: d.title, kind: d.kind, issuedAt: d.issuedAt, sha256: d.sha256, path };
		});
		const answers = view.answers as Record<string, unknown>;
		const payment = await payments.findPaymentView(dossier.id, db);
		dossiers.push({
			reference: dossier.reference,
			process: { id: dossier.processId, version: dossier.processVersion, title: text(view.title) },
			state: {
				id: dossier.status,
				label: text(view.state.label),
				explanation: text(view.state.text)
			},
			channel: dossier.channel,
			language: dossier.language,
			submittedAt: dossier.submittedAt,
			dueDate: dossier.dueDate,
			closedAt: dossier.closedAt,
			applicant: { name: dossier.applicantName, email: dossier.applicantEmail },
			answers: own.sections.flatMap((section) =>
				section.rows.map((row) => ({
					page: section.title,
					key: row.key,
					label: row.label,
					value: answers[row.key] ?? null,
					text: row.text
				}))
			),
			files: own.files.map((f) => ({
				name: f.fileName,
				type: f.mediaType,
				size: f.sizeBytes,
				sha256: f.sha256,
				field: f.fieldKey,
				path: pathOf.get(f.id)
			})),
			documents: issued,
			payment: payment && {
				amountDueCents: payment.amountDueCents,
				amountPaidCents: payment.amountPaidCents,
				state: payment.state
			},
			messages: view.timeline.flatMap((e) =>
				e.kind === 'message' && !e.internal
					? [{ at: e.at, from: e.from, body: e.body, files: e.files.map((f) => pathOf.get(f.id)) }]
					: []
			),
			timeline: view.timeline.map((e) => timelineEntry(e, text))
		});
	}
	const { account } = data;
	const json = {
		format: PACKAGE_FORMAT,
		madeAt: now,
		language: locale,
		account: {
			email: account.email,
			name: account.name,
			emailVerifiedAt: account.emailVerifiedAt,
			createdAt: account.createdAt,
			roles: account.roles,
			signIn: {
				password: Boolean(account.hasPassword),
				identities: data.identities.map((i) => ({
					provider: i.provider,
					providerName: providerName(i.provider),
					linkedAt: i.createdAt,
					lastSignInAt: i.lastSignInAt
				}))
			}
		},
		dossiers,
		drafts: data.drafts.map((d) => ({
			process: { id: d.processId, version: d.processVersion, title: text(d.definition.title) },
			language: d.language,
			createdAt: d.createdAt,
			updatedAt: d.updatedAt,
			expiresAt: d.expiresAt,
			answers: d.answers,
			files: d.files.map((f) => ({
				field: f.fieldKey,
				name: f.fileName,
				type: f.mediaType,
				size: f.sizeBytes
			}))
		})),
		preferences: {
			language: locale,
			dailyEmail: account.digest,
			push: data.push.map((p) => ({
				service: pushService(p.endpoint),
				language: p.language,
				since: p.createdAt,
				lastError: p.lastError
			}))
		},
		sessions: data.sessions.map((s) => ({
			startedAt: s.createdAt,
			expiresAt: s.expiresAt,
			signedInWith: s.provider ? providerName(s.provider) : 'password',
			assurance: s.assurance,
			identity: s.identity
		}))
	};
	return { json, files };
}

/**
 * The ZIP as a stream: gegevens.json (deflated) first, then each file as stored (photos and PDFs
 * are compressed already), each read only when the reader wants more.
 */
export function zipStream(
	json: unknown,
	files: Entry[],
	now = new Date()
): ReadableStream<Uint8Array> {
	const entries: Entry[] = [
		{ path: 'gegevens.json', read: async () => strToU8(JSON.stringify(json, null, 2)) },
		...files
	];
	let next = 0;
	let zip: Zip;
	return new ReadableStream<Uint8Array>({
		start(controller) {
			zip = new Zip((err, chunk, final) => {
				if (err) return controller.error(err);
				controller.enqueue(chunk);
				if (final) controller.close();
			});
		},
		async pull() {
			const entry = entries[next++];
			if (!entry) return zip.end();
			const bytes = await entry.read();
			const file =
				next === 1 ? new ZipDeflate(entry.path, { level: 6 }) : new ZipPassThrough(entry.path);
			file.mtime = now;
			zip.add(file);
			file.push(bytes, true);
		},
		cancel() {
			zip.terminate();
		}
	});
}
