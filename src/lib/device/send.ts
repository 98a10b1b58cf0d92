// Sends the submissions this device queued without a connection: from the service worker when
// the browser fires Background Sync, and from the pages at start and at the `online` event where
// it does not. A Web Lock lets one of them send at a time; the idempotency key makes a second
// send harmless anyway (one dossier per key). A refusal (something to fix, a login needed) puts
// the answers back as the device's draft, so nothing typed is lost.
import { getQueued, listQueued, putDraft, putQueued, type QueuedSubmission } from './store';

export const SYNC_TAG = 'loket-outbox';

type Reply = { status?: string; reference?: string; receipt?: string | null; next?: string };

async function sendOne(submissionId: string): Promise<'sent' | 'later'> {
	const item = await getQueued(submissionId);
	if (!item || item.state !== 'waiting') return 'sent';
	const body = new FormData();
	body.set('mode', 'submit');
	body.set('submissionId', item.submissionId);
	body.set('answers', JSON.stringify(item.answers));
	// Filed under the version it was filled in for, though a newer one came out since.
	body.set('version', String(item.form.version));
	for (const file of item.files) body.append(`file:${file.id}`, file.blob, file.name);
	let response: Response;
	try {
		response = await fetch(`/p/${encodeURIComponent(item.processId)}/aanvragen/verzenden`, {
			method: 'POST',
			body,
			credentials: 'same-origin',
			headers: { accept: 'application/json' }
		});
	} catch {
		await putQueued({ ...item, attempts: item.attempts + 1 });
		return 'later';
	}
	// The server or the way to it is in trouble: try again later, as when offline.
	if (response.status >= 500 || response.status === 429 || response.status === 408) {
		await putQueued({ ...item, attempts: item.attempts + 1 });
		return 'later';
	}
	const reply = (await response.json().catch(() => ({}))) as Reply;
	const sentAt = Date.now();
	if (response.ok && reply.status === 'filed') {
		await putQueued({
			...item,
			state: 'filed',
			reference: reply.reference,
			next: reply.receipt ?? null,
			answers: {},
			files: [],
			sentAt
		});
		return 'sent';
	}
	const state = response.status === 401 ? 'login' : response.status === 404 ? 'gone' : 'incomplete';
	const next = reply.next ?? `/p/${item.processId}/aanvragen`;
	if (state !== 'gone')
		await putDraft({
			processId: item.processId,
			form: item.form,
			answers: item.answers,
			files: item.files,
			pending: null,
			step: next.split('/').pop() ?? 'controle',
			unsynced: true,
			updatedAt: sentAt
		});
	await putQueued({ ...item, state, next, answers: {}, files: [], sentAt });
	return 'sent';
}

/** Sends every waiting submission; answers how many still wait (the connection is not back). */
export async function sendWaiting(): Promise<number> {
	const run = async () => {
		const waiting = (await listQueued()).filter((q: QueuedSubmission) => q.state === 'waiting');
		for (const [i, item] of waiting.entries())
			if ((await sendOne(item.submissionId)) === 'later') return waiting.length - i;
		return 0;
	};
	const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
	return locks ? locks.request('loket-outbox', run) : run();
}
