// The texts of validation errors live with the field types (../fields/messages.ts).
export type { AnswerMessages, AddressPart } from '../fields/messages';
