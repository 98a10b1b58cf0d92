// Validation messages for tests: each names its rule and parameters, so a test can assert
// exactly which rule fired without depending on the wording of the translations.
import type { AnswerMessages } from './messages';

const say =
	(rule: string) =>
	(p: Record<string, unknown>): string =>
		`${rule}(${Object.entries(p)
			.map(([k, v]) => `${k}=${String(v)}`)
			.join(', ')})`;

export const testMessages: AnswerMessages = {
	required: say('required'),
	chooseOne: say('chooseOne'),
	chooseAtLeast: say('chooseAtLeast'),
	chooseAtMost: say('chooseAtMost'),
	mustConsent: say('mustConsent'),
	identityLocked: say('identityLocked'),
	tooShort: say('tooShort'),
	tooLong: say('tooLong'),
	email: say('email'),
	tel: say('tel'),
	number: say('number'),
	integer: say('integer'),
	atLeast: say('atLeast'),
	atMost: say('atMost'),
	date: say('date'),
	dateNotBefore: say('dateNotBefore'),
	dateNotAfter: say('dateNotAfter'),
	nationalNumber: say('nationalNumber'),
	enterpriseNumber: say('enterpriseNumber'),
	iban: say('iban'),
	ibanBelgian: say('ibanBelgian'),
	licensePlate: say('licensePlate'),
	postcode: say('postcode'),
	postcodeUnknown: say('postcodeUnknown'),
	addressMismatch: say('addressMismatch'),
	addressPart: say('addressPart'),
	addressPartTooLong: say('addressPartTooLong'),
	fileCount: say('fileCount'),
	fileSize: say('fileSize'),
	fileType: say('fileType'),
	fileDimensions: say('fileDimensions'),
	fileActiveContent: say('fileActiveContent'),
	fileEmpty: say('fileEmpty'),
	fileTotal: say('fileTotal'),
	formatDate: (d) => d
};
