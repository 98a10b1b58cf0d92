import { describe, expect, it } from 'vitest';
import { codaSchema } from './form';
import { MAX_CODA_BYTES } from './service';

const messageOf = (value: unknown) => {
	const parsed = codaSchema.safeParse({ file: value });
	return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('the CODA upload', () => {
	it('takes a chosen file up to the import’s limit', () => {
		expect(messageOf(new File(['0000001'], 'afschrift.cod'))).toBeNull();
	});

	it('refuses no file, an empty one and one over the limit, each with its message', () => {
		expect(messageOf(undefined)).toBe('Kies een CODA-bestand.');
		expect(messageOf(new File([], 'leeg.cod'))).toBe('Kies een CODA-bestand.');
		expect(messageOf(new File([new Uint8Array(MAX_CODA_BYTES + 1)], 'groot.cod'))).toBe(
			'Het bestand is groter dan 5 MB.'
		);
	});
});
