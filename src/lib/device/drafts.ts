// The device's copy of a draft, as the form pages keep it: a mirror of the server draft while
// online (plus what is being typed), the only copy while offline. Offline, it is the form
// runner's answer store: the pages are walked by $lib/process/runner, as on the server.
import { pruneAnswers, type AnswerMap, type Issue, type StoredFile } from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import { mergePage, type AnswerStore } from '$lib/process/runner';
import { getDraft, putDraft, type DeviceDraft, type DeviceFile, type DeviceForm } from './store';

/** Files kept on the device per draft: beyond this the citizen continues online. */
export const MAX_DEVICE_BYTES = 25 * 1024 * 1024;

export type FormOf = Pick<ProcessDefinition, 'pages' | 'leadTimes'>;

export const formOf = (form: DeviceForm) => form as unknown as FormOf;

/** Values typed on a page, without the chosen files (those are kept once the page is accepted). */
function withoutFiles(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(values).filter(
			([, v]) =>
				!(Array.isArray(v) && v.some((x) => typeof Blob !== 'undefined' && x instanceof Blob))
		)
	);
}

/**
 * Keeps the server's draft on the device as the online form shows it. Answers what the device
 * had beyond it: answers given offline still to be sent, or typing on this page to put back.
 */
export async function mirrorServerDraft(q: {
	form: DeviceForm;
	answers: AnswerMap;
	step: string;
}): Promise<{ unsynced: DeviceDraft | null; typed: Record<string, unknown> | null }> {
	const earlier = await getDraft(q.form.id);
	if (earlier?.unsynced) return { unsynced: earlier, typed: null };
	const typed =
		earlier?.pending && earlier.pending.pageId === q.step ? earlier.pending.values : null;
	await putDraft({
		processId: q.form.id,
		form: q.form,
		answers: q.answers,
		files: [],
		pending: earlier?.pending ?? null,
		step: q.step,
		unsynced: false,
		updatedAt: Date.now()
	});
	return { unsynced: null, typed };
}

/**
 * Keeps what is being typed on a page as it is typed: one write at a time, and the latest values
 * always written last (a reload a moment after a keystroke loses nothing).
 */
export function typingKeeper(): (
	processId: string,
	pageId: string,
	values: Record<string, unknown>
) => Promise<void> {
	let latest: [string, string, Record<string, unknown>] | null = null;
	let writing: Promise<void> | null = null;
	const drain = async () => {
		while (latest) {
			const [processId, pageId, values] = latest;
			latest = null;
			await keepTyping(processId, pageId, values).catch(() => undefined);
		}
		writing = null;
	};
	return (processId, pageId, values) => {
		latest = [processId, pageId, values];
		writing ??= drain();
		return writing;
	};
}

/** Keeps what is being typed on a page. */
export async function keepTyping(
	processId: string,
	pageId: string,
	values: Record<string, unknown>
): Promise<void> {
	const draft = await getDraft(processId);
	if (!draft) return;
	await putDraft({ ...draft, pending: { pageId, values: withoutFiles(values) }, step: pageId });
}

/** The address of a step of the form filled in on the device. */
export function deviceFormPath(processId: string, step: string): string {
	return `/concepten/formulier?p=${encodeURIComponent(processId)}&stap=${encodeURIComponent(step)}`;
}

export type DeviceAnswerStore = AnswerStore & {
	/** The device's draft as last kept. */
	readonly draft: DeviceDraft;
};

/**
 * The device's draft as the form runner's answer store, for a page continued without a
 * connection: its answers and files join the draft in IndexedDB, refused when the files kept on
 * the device would pass MAX_DEVICE_BYTES.
 */
export function deviceAnswerStore(
	start: DeviceDraft,
	tooLarge: (name: string) => Issue
): DeviceAnswerStore {
	let draft = start;
	const form = formOf(start.form);
	return {
		form,
		get draft() {
			return draft;
		},
		load: () => Promise.resolve(draft.answers as AnswerMap),
		save: async (_pageIndex, reading) => {
			const answers = mergePage(draft.answers as AnswerMap, reading);
			const files: DeviceFile[] = [...draft.files];
			for (const [key, chosen] of Object.entries(reading.uploads)) {
				const stored = [...((answers[key] as StoredFile[] | undefined) ?? [])];
				for (const file of chosen) {
					const id = `device-${crypto.randomUUID()}`;
					files.push({ id, name: file.name, size: file.size, type: file.type, blob: file });
					stored.push({ id, name: file.name, size: file.size, type: file.type });
				}
				answers[key] = stored;
			}
			const pruned = pruneAnswers(form, answers);
			const referenced = new Set(
				Object.values(pruned)
					.filter(Array.isArray)
					.flatMap((v) => (v as unknown[]).map((x) => (x as { id?: string }).id))
			);
			const kept = files.filter((f) => referenced.has(f.id));
			const bytes = kept.reduce((sum, f) => sum + f.size, 0);
			const upload = Object.keys(reading.uploads)[0];
			if (bytes > MAX_DEVICE_BYTES && upload) return { ok: false, issues: [tooLarge(upload)] };
			draft = {
				...draft,
				answers: pruned,
				files: kept,
				pending: null,
				unsynced: true,
				updatedAt: Date.now()
			};
			await putDraft(draft);
			return { ok: true, answers: pruned };
		},
		locate: (step) => deviceFormPath(start.processId, step)
	};
}

type Reply = { status?: string; next?: string };

/**
 * Sends the answers given offline to the server draft, to continue online. Answers where to go
 * on (the first page the server still needs), or null when the connection is not there.
 */
export async function syncToServer(draft: DeviceDraft): Promise<string | null> {
	const body = new FormData();
	body.set('mode', 'save');
	body.set('answers', JSON.stringify(draft.answers));
	body.set('version', String(draft.form.version));
	for (const file of draft.files) body.append(`file:${file.id}`, file.blob, file.name);
	try {
		const response = await fetch(`/p/${encodeURIComponent(draft.processId)}/aanvragen/verzenden`, {
			method: 'POST',
			body,
			headers: { accept: 'application/json' }
		});
		const reply = (await response.json().catch(() => ({}))) as Reply;
		if (response.status >= 500) return null;
		// Saved (or saved up to a page to fix): the server has it; the online form takes over.
		if (response.ok || response.status === 422)
			await putDraft({ ...draft, unsynced: false, files: [] });
		return reply.next ?? `/p/${draft.processId}/aanvragen`;
	} catch {
		return null;
	}
}
