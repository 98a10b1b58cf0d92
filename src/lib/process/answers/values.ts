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

export const addressParts = ['street', 'number', 'box', 'postcode', 'municipality'] as const;
