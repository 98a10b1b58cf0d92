// The editor's preview: a draft walked page by page exactly as a citizen would, with the same
// page resolution, conditions and validation as the real form, but nothing stored on the server.
// The answers given so far travel in a cookie of the preview's own path; uploads are kept by
// name only.
import type { Cookies } from '@sveltejs/kit';
import {
	readPage,
	type AnswerMap,
	type AnswerOptions,
	type StoredFile
} from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import { checkDefinition, type DefinitionProblem } from '$lib/process/loader';
import * as filing from '../filing/service';
import * as drafts from './drafts';

const COOKIE = 'loket-preview';

export type PreviewOpen =
	| { kind: 'not-found' }
	| { kind: 'broken'; problems: DefinitionProblem[] }
	| { kind: 'ready'; definition: ProcessDefinition };

/** The draft to preview, when it is a valid definition. */
export async function openPreview(processId: string, version: number): Promise<PreviewOpen> {
	const draft = await drafts.findDraft(processId, version);
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

/** The answers after a page was posted (validated by the caller), and the step after it. */
export function answerPage(
	def: ProcessDefinition,
	pageIndex: number,
	flat: Record<string, unknown>,
	before: AnswerMap,
	opts: AnswerOptions
): { answers: AnswerMap; next: string; issues: { name: string; message: string }[] } {
	const reading = readPage(def, pageIndex, flat, before, opts);
	const answers: AnswerMap = { ...before, ...reading.answers };
	for (const key of reading.hidden) delete answers[key];
	for (const [key, files] of Object.entries(reading.uploads))
		answers[key] = files.map((f, i): StoredFile => ({
			id: `preview-${i}`,
			name: f.name,
			size: f.size,
			type: f.type
		}));
	return { answers, next: filing.findNextStep(def, pageIndex, answers), issues: reading.issues };
}

export const END = filing.CHECK_PAGE;
export const resolvePage = filing.resolvePage;
export const findPreviousStep = filing.findPreviousStep;
