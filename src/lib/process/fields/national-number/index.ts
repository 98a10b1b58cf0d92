// A national number (rijksregister or BIS): stored as its 11 digits, shown and filled in again
// the way it is written (85.07.30-033.28). Its checks live in ../../validators.
import { formatNationalNumber, parseNationalNumber } from '../../validators/national-number';
import { textInputModule } from '../module';
import type { NationalNumberField } from './definition';

export const nationalNumber = textInputModule<NationalNumberField, string>({
	kind: 'string',
	read(raw, _f, ctx) {
		const parsed = parseNationalNumber(raw, new Date(`${ctx.today}T12:00:00Z`));
		return parsed.ok
			? { value: parsed.value.normalized }
			: { message: ctx.messages.nationalNumber({ label: ctx.label, reason: parsed.error }) };
	},
	write: formatNationalNumber
});
