// What an answer looks like once accepted, per field type. Answers are stored in this canonical
// form (identifiers normalised, numbers as numbers) in drafts and dossiers.
export type StoredFile = { id: string; name: string; size: number; type: string };

export type AddressAnswer = {
	street: string;
	number: string;
	box: string;
	postcode: string;
	municipality: string;
};

export type AnswerValue = string | number | boolean | string[] | StoredFile[] | AddressAnswer;

export type AnswerMap = Record<string, AnswerValue>;

/**
 * A file the citizen chose. An empty file input posts a nameless, empty file, which is no upload;
 * a chosen file that is empty (0 bytes) is one, and is refused with a reason by the upload gate.
 */
export function isChosenFile(file: File): boolean {
	return file.size > 0 || file.name !== '';
}

export const addressParts = ['street', 'number', 'box', 'postcode', 'municipality'] as const;
