// What this device keeps of the citizen's forms, in IndexedDB (through `idb`): a draft per process
// (its form, the answers given so far, the files chosen, what was being typed on the open page)
// and the submissions made without a connection, waiting to be sent. Used by the pages and by the
// service worker (Background Sync), so it imports nothing but `idb`: no app code, no aliases.
//
// It holds personal data on the device on purpose: that is what "never lose a draft, without
// login or e-mail" means. It stays until the citizen sends or discards the draft; a sent
// submission's answers and files are removed once the server has filed it.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type LocalText = { nl: string; en?: string };

/** A file the device holds for an answer (its `id` is the answer's file id, `device-…`). */
export type DeviceFile = { id: string; name: string; size: number; type: string; blob: Blob };

/** The form of one process version: enough to fill it in and check it without a server. */
export type DeviceForm = {
	id: string;
	version: number;
	title: LocalText;
	auth: 'none' | 'optional' | 'required';
	// The definition's own types live in app code; the pages that use them cast.
	pages: unknown[];
	leadTimes?: unknown[];
};

export type DeviceDraft = {
	processId: string;
	form: DeviceForm;
	/** Accepted answers, in their stored form (as the server keeps them). */
	answers: Record<string, unknown>;
	files: DeviceFile[];
	/** What was being typed on a page that was not continued yet. */
	pending: { pageId: string; values: Record<string, unknown> } | null;
	/** The page (or `controle`) to open again. */
	step: string;
	/** Answers given without a connection, not yet on the server. */
	unsynced: boolean;
	updatedAt: number;
};

export type QueuedState = 'waiting' | 'filed' | 'incomplete' | 'login' | 'gone';

export type QueuedSubmission = {
	/** The idempotency key: one dossier, however often this is sent. */
	submissionId: string;
	processId: string;
	form: DeviceForm;
	/** Kept until the server has filed it; emptied afterwards. */
	answers: Record<string, unknown>;
	files: DeviceFile[];
	state: QueuedState;
	reference?: string;
	/** Where to go next: the receipt once filed, the page to fix when incomplete. */
	next?: string | null;
	queuedAt: number;
	sentAt?: number;
	attempts: number;
};

interface DeviceSchema extends DBSchema {
	drafts: { key: string; value: DeviceDraft };
	outbox: { key: string; value: QueuedSubmission; indexes: { byState: QueuedState } };
}

const NAME = 'loket';
let opened: Promise<IDBPDatabase<DeviceSchema>> | null = null;

export function openDevice(): Promise<IDBPDatabase<DeviceSchema>> {
	opened ??= openDB<DeviceSchema>(NAME, 1, {
		upgrade(db) {
			db.createObjectStore('drafts', { keyPath: 'processId' });
			const outbox = db.createObjectStore('outbox', { keyPath: 'submissionId' });
			outbox.createIndex('byState', 'state');
		}
	});
	return opened;
}

/** Pages, other tabs and the service worker tell each other when something changed. */
export const CHANNEL = 'loket-device';

export function announce(): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage({ type: 'changed' });
	channel.close();
}

/** Calls `listener` whenever any page, tab or the service worker changed the device's data. */
export function listen(listener: () => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = () => listener();
	return () => channel.close();
}

export async function getDraft(processId: string): Promise<DeviceDraft | undefined> {
	return (await openDevice()).get('drafts', processId);
}

export async function listDrafts(): Promise<DeviceDraft[]> {
	const all = await (await openDevice()).getAll('drafts');
	return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function putDraft(draft: DeviceDraft): Promise<void> {
	await (await openDevice()).put('drafts', { ...draft, updatedAt: Date.now() });
	announce();
}

export async function deleteDraft(processId: string): Promise<void> {
	await (await openDevice()).delete('drafts', processId);
	announce();
}

export async function listQueued(): Promise<QueuedSubmission[]> {
	const all = await (await openDevice()).getAll('outbox');
	return all.sort((a, b) => b.queuedAt - a.queuedAt);
}

export async function getQueued(submissionId: string): Promise<QueuedSubmission | undefined> {
	return (await openDevice()).get('outbox', submissionId);
}

/** Queues a submission and removes its draft, in one IndexedDB transaction. */
export async function queueSubmission(item: QueuedSubmission): Promise<void> {
	const db = await openDevice();
	const tx = db.transaction(['outbox', 'drafts'], 'readwrite');
	await Promise.all([
		tx.objectStore('outbox').put(item),
		tx.objectStore('drafts').delete(item.processId),
		tx.done
	]);
	announce();
}

export async function putQueued(item: QueuedSubmission): Promise<void> {
	await (await openDevice()).put('outbox', item);
	announce();
}

export async function deleteQueued(submissionId: string): Promise<void> {
	await (await openDevice()).delete('outbox', submissionId);
	announce();
}
