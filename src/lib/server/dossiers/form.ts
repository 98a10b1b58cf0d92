// The forms staff handle dossiers with, as superforms reads them: a workflow step, an assignment,
// a message or note, a hand-over (the dossier page) and one action on the dossiers ticked in the
// inbox (the bulk form); with the handling service's refusals as messages next to their fields.
// The rules are the service's (which step needs a note, how long a text may be, whether the page
// showed the current version): these schemas only read what was posted. Every message is a
// function called while a post is read, so it follows that request's language.
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { FieldErrors } from '../auth/form';
import { MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH, type HandOverResult } from './handling';

/**
 * The dossier version the page showed. A post without it reads as version 0, which no stored
 * dossier has: the service refuses it as a conflict, and nothing changes.
 */
const version = z.number().int();

/** One workflow step: which, its note and (when it waits for the citizen) the documents asked for. */
export const transitionSchema = z.object({
	transition: z.string(),
	version,
	note: z.string(),
	/** One document a line. */
	documents: z.string()
});

/** Take the dossier (`me`), hand it to a colleague (their id) or release it (empty). */
export const assignSchema = z.object({
	version,
	assignee: z.string()
});

/**
 * A message to the citizen (mailed, with files if any) or an internal note for colleagues. The
 * files are posted beside it (`files`) and read by the upload gate, not by this schema;
 * `messageId` is made when the form is drawn, so the same message sent twice is stored once.
 */
export const messageSchema = z.object({
	body: z.string(),
	kind: z.enum(['internal', 'citizen']),
	messageId: z.string()
});

/** The dossier handed over to another department, with the note it reads first. */
export const handOverSchema = z.object({
	version,
	department: z.string(),
	note: z.string()
});

/**
 * One action on the dossiers ticked in the inbox (`id:version` each, as the inbox showed them):
 * `do` is the button pressed, assigning them or taking one step on each.
 */
export const bulkSchema = z.object({
	dossier: z.array(z.string()),
	do: z.string(),
	assignee: z.string(),
	transition: z.string(),
	note: z.string()
});

/** A step refused for its note, as the message next to the note. */
export function transitionNoteError(reason: 'note-required' | 'too-long'): string {
	return reason === 'note-required'
		? m.staffDossierNoteRequired()
		: m.staffDossierNoteTooLong({ max: MAX_NOTE_LENGTH });
}

/** A refused message, as the message next to its text. */
export function messageError(reason: 'not-found' | 'empty' | 'too-long' | 'closed'): string {
	return reason === 'too-long'
		? m.staffDossierNoteTooLong({ max: MAX_MESSAGE_LENGTH })
		: m.staffDossierMessageEmpty();
}

type HandOverRefusal = Exclude<Extract<HandOverResult, { ok: false }>['reason'], 'conflict'>;

/** A refused hand-over, next to its note or to the department chosen. */
export function handOverErrors(reason: HandOverRefusal): FieldErrors {
	switch (reason) {
		case 'note-required':
			return { note: m.staffDossierHandOverNoteRequired() };
		case 'too-long':
			return { note: m.staffDossierNoteTooLong({ max: MAX_NOTE_LENGTH }) };
		case 'same-department':
			return { department: m.staffDossierHandOverSame() };
		case 'not-found':
			return { department: m.staffDossierHandOverChoose() };
	}
}
