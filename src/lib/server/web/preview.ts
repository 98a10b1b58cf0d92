// The editor's preview: a draft walked page by page exactly as a citizen would, by the same form
// runner as the real form (one of its answer stores), but nothing stored on the server.
// The answers given so far travel in a cookie of the preview's own path; uploads are kept by
// name only.
import type { Cookies } from '@sveltejs/kit';
import type { AnswerMap, StoredFile } from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import { checkDefinition, type DefinitionProblem } from '$lib/process/loader';
import { CHECK_PAGE, mergePage, type AnswerStore } from '$lib/process/runner';
import type { TextLocale } from '$lib/process/text';
import * as draftVersions from '../processes/draft-versions';

const COOKIE = 'loket-preview';

export type PreviewOpen =
	| { kind: 'not-found' }
	| { kind: 'broken'; problems: DefinitionProblem[] }
	| { kind: 'ready'; definition: ProcessDefinition };

/** The draft to preview, when it is a valid definition. */
export async function openPreview(processId: string, version: number): Promise<PreviewOpen> {
	const draft = await draftVersions.findDraft(processId, version);
	if (!draft || draft.status !== 'draft') return { kind: 'not-found' };
	const checked = checkDefinition(draft.definition);
	if (!checked.ok) return { kind: 'broken', problems: checked.problems };
	return { kind: 'ready', definition: checked.definition };
}

/** The answers given so far in this preview of this version. */
export function readAnswers(cookies: Cookies, scope: string): AnswerMap {
	try {
		const raw = cookies.get(COOKIE);
		const stored = raw
			? (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown)
			: null;
		const s = stored as { scope?: string; answers?: AnswerMap } | null;
		return s?.scope === scope && s.answers ? s.answers : {};
	} catch {
		return {};
	}
}

export function writeAnswers(cookies: Cookies, scope: string, path: string, answers: AnswerMap) {
	const value = Buffer.from(JSON.stringify({ scope, answers })).toString('base64url');
	cookies.set(COOKIE, value, { path, httpOnly: true, sameSite: 'strict' });
}

export function clearAnswers(cookies: Cookies, path: string) {
	cookies.delete(COOKIE, { path });
}

const LANGUAGE_COOKIE = 'loket-preview-taal';
const textLocales: readonly TextLocale[] = ['nl', 'en', 'fr'];

/**
 * The language the preview shows the draft's texts in: `?taal=` chooses it (kept in a cookie of
 * the preview's path, so it stays while the clerk walks the pages), else the clerk's own.
 */
export function previewLanguage(
	cookies: Cookies,
	url: URL,
	path: string,
	fallback: TextLocale
): TextLocale {
	const asked = url.searchParams.get('taal');
	if (textLocales.includes(asked as TextLocale)) {
		cookies.set(LANGUAGE_COOKIE, asked!, { path, httpOnly: true, sameSite: 'strict' });
		return asked as TextLocale;
	}
	const kept = cookies.get(LANGUAGE_COOKIE);
	return textLocales.includes(kept as TextLocale) ? (kept as TextLocale) : fallback;
}

/**
 * The preview as the form runner's answer store: the answers in the cookie, the pages under the
 * preview's own path. Nothing is stored on the server; uploads are kept by name only.
 */
export function answerStore(
	definition: ProcessDefinition,
	cookies: Cookies,
	scope: string,
	base: string
): AnswerStore {
	return {
		form: definition,
		load: () => Promise.resolve(readAnswers(cookies, scope)),
		save: (_pageIndex, reading) => {
			const answers = mergePage(readAnswers(cookies, scope), reading);
			for (const [key, files] of Object.entries(reading.uploads))
				answers[key] = files.map((f, i): StoredFile => ({
					id: `preview-${i}`,
					name: f.name,
					size: f.size,
					type: f.type
				}));
			writeAnswers(cookies, scope, base, answers);
			return Promise.resolve({ ok: true as const, answers });
		},
		locate: (step) => `${base}/${step}`
	};
}

/** The preview's last step, after the last page: the check page of the real form. */
export const END = CHECK_PAGE;
