// An enterprise number (KBO): stored as its 10 digits, shown and filled in again the way it is
// written (0123.456.749). Its checks live in ../../validators.
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../../validators/enterprise-number';
import { textInputModule } from '../module';
import type { EnterpriseNumberField } from './definition';

export const enterpriseNumber = textInputModule<EnterpriseNumberField, string>({
	kind: 'string',
	read(raw, _f, ctx) {
		const parsed = parseEnterpriseNumber(raw);
		return parsed.ok
			? { value: parsed.value.normalized }
			: { message: ctx.messages.enterpriseNumber({ label: ctx.label }) };
	},
	write: formatEnterpriseNumber
});
