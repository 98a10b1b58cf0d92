// What an answer looks like once accepted, per field type (each field type's module says it).
// Answers are stored in this canonical form (identifiers normalised, numbers as numbers) in
// drafts and dossiers.
import type { AnswerValue } from '../fields/registry';

export type { AnswerValue };
export type { StoredFile } from '../fields/file';
export type { AddressAnswer } from '../fields/address';
export { addressParts } from '../fields/address';

export type AnswerMap = Record<string, AnswerValue>;

export { isChosenFile } from '../fields/file';
