// The CODA upload of the payments page: the posted file as text (Latin-1 or UTF-8, as banks write
// it), and a refused import as a message at the file field with every line that is wrong.
import { m } from '$lib/i18n';
import { decodeCoda } from '../payments/coda';
import { MAX_CODA_BYTES, type ImportResult } from '../payments/service';

export async function readCodaUpload(
	form: FormData
): Promise<{ name: string; text: string; size: number }> {
	const file = form.get('file');
	if (!(file instanceof File)) return { name: '', text: '', size: 0 };
	// A file over the limit is refused by its size; its content is not read.
	if (file.size > MAX_CODA_BYTES) return { name: file.name, text: '', size: file.size };
	return {
		name: file.name,
		text: decodeCoda(new Uint8Array(await file.arrayBuffer())),
		size: file.size
	};
}

export function importErrors(result: Exclude<ImportResult, { ok: true }>): {
	errors: { file: string };
	problems: string[];
} {
	if (result.reason !== 'invalid')
		return {
			errors: {
				file: result.reason === 'empty' ? m.paymentsErrorEmpty() : m.paymentsErrorTooLarge()
			},
			problems: []
		};
	return {
		errors: { file: m.paymentsErrorInvalid() },
		problems: result.problems.map((p) =>
			m.paymentsProblemLine({ line: p.line, message: p.message })
		)
	};
}
