// Standard replies as the back-office pages show and edit them.
import type { LocalText } from '$lib/process/text';

/** A standard reply filled in for one dossier. */
export type FilledTemplate = { id: string; title: string; text: string };

/** A process to choose in the template form. */
export type ProcessOption = { id: string; title: LocalText | null };

/** What the template form posts, read. */
export type TemplateInput = {
	processId: string | null;
	title: string;
	bodyNl: string;
	bodyEn: string;
	bodyFr: string;
};
