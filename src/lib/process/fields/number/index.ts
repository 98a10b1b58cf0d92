// A number typed the Belgian way ("2,5", "1.250", "1 250,75") and stored as a number; shown
// with a decimal comma and its unit.
import { formatNumber } from '../../format';
import { localize } from '../../text';
import { empty, fail, postsText, readText, type FieldModule } from '../module';
import type { NumberField } from './definition';

/** Parses a number the way Belgians type it: "2,5", "1.250", "1 250,75" (and "2.5"). */
export function parseLocalNumber(input: string): number | null {
	let n = input.replace(/[\s\u00a0]/g, '');
	if (n.includes(',')) n = n.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d{1,3}(\.\d{3})+$/.test(n)) n = n.replace(/\./g, '');
	return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : null;
}

export const number: FieldModule<NumberField, number> = {
	kind: 'number',
	posted: postsText,
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const n = parseLocalNumber(raw);
		if (n === null) return fail(f.key, m.number({ label }));
		if (f.integer && !Number.isInteger(n)) return fail(f.key, m.integer({ label }));
		if (f.min !== undefined && n < f.min) return fail(f.key, m.atLeast({ label, min: f.min }));
		if (f.max !== undefined && n > f.max) return fail(f.key, m.atMost({ label, max: f.max }));
		return { value: n, issues: [] };
	},
	write: (f, value) => ({ [f.key]: value === undefined ? '' : String(value).replace('.', ',') }),
	display: (f, value, { locale }) =>
		`${formatNumber(value, locale)}${f.unit ? ` ${localize(f.unit, locale)}` : ''}`
};
