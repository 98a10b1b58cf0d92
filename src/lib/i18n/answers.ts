// The words of validation errors, answer displays and the PDF receipt in the citizen's language:
// Paraglide messages plugged into the pure rules of $lib/process/answers.
import type {
	AddressPart,
	AnswerMessages,
	AnswerOptions,
	DisplayWords
} from '$lib/process/answers';
import { formatDate } from '$lib/process/answers';
import { toIsoDate } from '$lib/process/calendar';
import type { Locale } from '$lib/process/text';
import { m } from '$lib/paraglide/messages';
import type { ReceiptWords } from '$lib/server/dossiers/receipt-pdf';

export function answerMessages(locale: Locale): AnswerMessages {
	const o = { locale };
	return {
		required: (p) => m.vRequired(p, o),
		chooseOne: (p) => m.vChooseOne(p, o),
		chooseAtLeast: (p) => m.vChooseAtLeast(p, o),
		chooseAtMost: (p) => m.vChooseAtMost(p, o),
		mustConsent: (p) => m.vMustConsent(p, o),
		identityLocked: (p) => m.vIdentityLocked(p, o),
		tooShort: (p) => m.vTooShort(p, o),
		tooLong: (p) => m.vTooLong(p, o),
		email: (p) => m.vEmail(p, o),
		tel: (p) => m.vTel(p, o),
		number: (p) => m.vNumber(p, o),
		integer: (p) => m.vInteger(p, o),
		atLeast: (p) => m.vAtLeast(p, o),
		atMost: (p) => m.vAtMost(p, o),
		date: (p) => m.vDate(p, o),
		dateNotBefore: (p) => m.vDateNotBefore(p, o),
		dateNotAfter: (p) => m.vDateNotAfter(p, o),
		nationalNumber: ({ label, reason }) =>
			reason === 'format'
				? m.vNationalNumberFormat({ label }, o)
				: reason === 'date'
					? m.vNationalNumberDate({ label }, o)
					: m.vNationalNumberChecksum({ label }, o),
		enterpriseNumber: (p) => m.vEnterpriseNumber(p, o),
		iban: (p) => m.vIban(p, o),
		ibanBelgian: (p) => m.vIbanBelgian(p, o),
		licensePlate: (p) => m.vLicensePlate(p, o),
		postcode: (p) => m.vPostcode(p, o),
		postcodeUnknown: (p) => m.vPostcodeUnknown(p, o),
		addressMismatch: (p) => m.vAddressMismatch(p, o),
		addressPart: ({ label, part }) =>
			({
				street: m.vAddressStreet,
				number: m.vAddressNumber,
				box: m.vAddressBox,
				postcode: m.vAddressPostcode,
				municipality: m.vAddressMunicipality
			})[part]({ label }, o),
		addressPartTooLong: ({ label, part, count }) =>
			m.vAddressPartTooLong({ label, count, part: addressPartLabel(part, locale) }, o),
		fileCount: (p) => m.vFileCount(p, o),
		fileSize: (p) => m.vFileSize(p, o),
		fileType: (p) => m.vFileType(p, o),
		fileDimensions: (p) => m.vFileDimensions(p, o),
		fileActiveContent: (p) => m.vFileActiveContent(p, o),
		fileEmpty: (p) => m.vFileEmpty(p, o),
		fileTotal: (p) => m.vFileTotal(p, o),
		formatDate: (date) => formatDate(date, locale)
	};
}

/** The label of an address part's input, as the form shows it. */
export function addressPartLabel(part: AddressPart, locale?: Locale): string {
	const o = { locale };
	return {
		street: m.formAddressStreet,
		number: m.formAddressNumber,
		box: m.formAddressBox,
		postcode: m.formAddressPostcode,
		municipality: m.formAddressMunicipality
	}[part]({}, o);
}

/** Options for validating answers now: messages in this locale and today's date in Brussels. */
export function answerOptions(locale: Locale): AnswerOptions {
	return { messages: answerMessages(locale), locale, today: toIsoDate(new Date()) };
}

export function displayWords(locale?: Locale): DisplayWords {
	const o = { locale };
	return { yes: m.formYes({}, o), no: m.formNo({}, o), none: m.answerNone({}, o) };
}

export function receiptWords(locale?: Locale): ReceiptWords {
	const o = { locale };
	return {
		title: m.pdfTitle({}, o),
		reference: m.receiptReference({}, o),
		process: m.pdfProcess({}, o),
		submittedAt: m.pdfSubmittedAt({}, o),
		expectedDecision: m.pdfExpectedDecision({}, o),
		nextSteps: m.receiptNext({}, o),
		answers: m.pdfAnswers({}, o),
		...displayWords(locale),
		footer: m.pdfFooter({}, o)
	};
}
