// An IBAN: stored without spaces in capitals, shown and filled in again in groups of four
// (BE68 5390 0754 7034). Its checks live in ../../validators.
import { formatIban, parseIban } from '../../validators/iban';
import { textInputModule } from '../module';
import type { IbanField } from './definition';

export const iban = textInputModule<IbanField, string>({
	kind: 'string',
	read(raw, f, { messages: m, label }) {
		const parsed = parseIban(raw);
		if (!parsed.ok) return { message: m.iban({ label }) };
		if (f.belgianOnly && parsed.value.country !== 'BE')
			return { message: m.ibanBelgian({ label }) };
		return { value: parsed.value.normalized };
	},
	write: formatIban
});
