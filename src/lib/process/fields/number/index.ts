// A number typed the Belgian way ("2,5", "1.250", "1 250,75") and stored as a number; shown
// with a decimal comma and its unit.
import { formatNumber } from '../../format';
import { localize } from '../../text';
import { textInputModule } from '../module';
import type { NumberField } from './definition';

/** Parses a number the way Belgians type it: "2,5", "1.250", "1 250,75" (and "2.5"). */
export function parseLocalNumber(input: string): number | null {
	let n = input.replace(/[\s\u00a0]/g, '');
	if (n.includes(',')) n = n.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d{1,3}(\.\d{3})+$/.test(n)) n = n.replace(/\./g, '');
	return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : null;
}

export const number = textInputModule<NumberField, number>({
	kind: 'number',
	read(raw, f, { messages: m, label }) {
		const n = parseLocalNumber(raw);
		if (n === null) return { message: m.number({ label }) };
		if (f.integer && !Number.isInteger(n)) return { message: m.integer({ label }) };
		if (f.min !== undefined && n < f.min) return { message: m.atLeast({ label, min: f.min }) };
		if (f.max !== undefined && n > f.max) return { message: m.atMost({ label, max: f.max }) };
		return { value: n };
	},
	write: (value) => String(value).replace('.', ','),
	display: (f, value, { locale }) =>
		`${formatNumber(value, locale)}${f.unit ? ` ${localize(f.unit, locale)}` : ''}`
});
