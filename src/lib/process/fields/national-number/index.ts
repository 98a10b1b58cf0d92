// A national number (rijksregister or BIS): stored as its 11 digits, shown and filled in again
// the way it is written (85.07.30-033.28). Its checks live in ../../validators.
import { formatNationalNumber, parseNationalNumber } from '../../validators/national-number';
import { empty, fail, postsText, readText, type FieldModule } from '../module';
import type { NationalNumberField } from './definition';

export const nationalNumber: FieldModule<NationalNumberField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const parsed = parseNationalNumber(raw, new Date(`${ctx.today}T12:00:00Z`));
		return parsed.ok
			? { value: parsed.value.normalized, issues: [] }
			: fail(f.key, ctx.messages.nationalNumber({ label: ctx.label, reason: parsed.error }));
	},
	write: (f, value) => ({ [f.key]: value === undefined ? '' : formatNationalNumber(value) }),
	display: (_f, value) => formatNationalNumber(value)
};
