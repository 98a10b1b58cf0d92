// The texts of validation errors, supplied by the interface layer in the citizen's language (see
// $lib/i18n). The rules live in the field type modules; the words live with the translations.
import type { AddressPart } from './address';

export type { AddressPart };

export type AnswerMessages = {
	required: (p: { label: string }) => string;
	chooseOne: (p: { label: string }) => string;
	chooseAtLeast: (p: { label: string; count: number }) => string;
	chooseAtMost: (p: { label: string; count: number }) => string;
	mustConsent: (p: { label: string }) => string;
	/** A field the identity provider vouched for (eID, itsme) was changed. */
	identityLocked: (p: { label: string }) => string;
	tooShort: (p: { label: string; count: number }) => string;
	tooLong: (p: { label: string; count: number }) => string;
	email: (p: { label: string }) => string;
	tel: (p: { label: string }) => string;
	number: (p: { label: string }) => string;
	integer: (p: { label: string }) => string;
	atLeast: (p: { label: string; min: number }) => string;
	atMost: (p: { label: string; max: number }) => string;
	date: (p: { label: string }) => string;
	dateNotBefore: (p: { label: string; date: string }) => string;
	dateNotAfter: (p: { label: string; date: string }) => string;
	nationalNumber: (p: { label: string; reason: 'format' | 'checksum' | 'date' }) => string;
	enterpriseNumber: (p: { label: string }) => string;
	iban: (p: { label: string }) => string;
	ibanBelgian: (p: { label: string }) => string;
	licensePlate: (p: { label: string }) => string;
	postcode: (p: { label: string }) => string;
	postcodeUnknown: (p: { label: string; postcode: string }) => string;
	addressMismatch: (p: { label: string; postcode: string; names: string }) => string;
	addressPart: (p: { label: string; part: AddressPart }) => string;
	addressPartTooLong: (p: { label: string; part: AddressPart; count: number }) => string;
	fileCount: (p: { label: string; max: number }) => string;
	fileSize: (p: { label: string; name: string; maxMb: number }) => string;
	fileType: (p: { label: string; name: string; accepted: string }) => string;
	fileDimensions: (p: { label: string; name: string }) => string;
	fileActiveContent: (p: { label: string; name: string }) => string;
	fileEmpty: (p: { label: string; name: string }) => string;
	fileTotal: (p: { max: number }) => string;
	formatDate: (isoDate: string) => string;
};
