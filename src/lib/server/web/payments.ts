// The CODA upload of the payments page: the posted file as text (Latin-1 or UTF-8, as banks write
// it), and a refused import as a message at the file field with every line that is wrong.
import { m } from '$lib/i18n';
import { decodeCoda } from '../payments/coda';
import type { ImportResult } from '../payments/service';

/** The chosen file (the schema checked it is there and not too large) as the import reads it. */
export async function readCodaFile(
	file: File
): Promise<{ name: string; text: string; size: number }> {
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
