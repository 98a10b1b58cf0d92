// Answer options as the server applies them: the citizen's language, today in Brussels, and the
// official postcode list where the operator installed it (the browser checks without the list).
import { answerOptions } from '$lib/i18n/answers';
import type { AnswerOptions } from '$lib/process/answers';
import type { Locale } from '$lib/process/text';
import { getPostcodeDirectory } from '../places/postcodes';

export function serverAnswerOptions(locale: Locale): AnswerOptions {
	return { ...answerOptions(locale), places: getPostcodeDirectory() };
}
