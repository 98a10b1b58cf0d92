// An IBAN: stored without spaces in capitals, shown and filled in again in groups of four
// (BE68 5390 0754 7034). Its checks live in ../../validators.
import { formatIban, parseIban } from '../../validators/iban';
import { empty, fail, postsText, readText, type FieldModule } from '../module';
import type { IbanField } from './definition';

export const iban: FieldModule<IbanField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const parsed = parseIban(raw);
		if (!parsed.ok) return fail(f.key, m.iban({ label }));
		if (f.belgianOnly && parsed.value.country !== 'BE')
			return fail(f.key, m.ibanBelgian({ label }));
		return { value: parsed.value.normalized, issues: [] };
	},
	write: (f, value) => ({ [f.key]: value === undefined ? '' : formatIban(value) }),
	display: (_f, value) => formatIban(value)
};
