// An enterprise number (KBO): stored as its 10 digits, shown and filled in again the way it is
// written (0123.456.749). Its checks live in ../../validators.
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../../validators/enterprise-number';
import { empty, fail, postsText, readText, type FieldModule } from '../module';
import type { EnterpriseNumberField } from './definition';

export const enterpriseNumber: FieldModule<EnterpriseNumberField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const parsed = parseEnterpriseNumber(raw);
		return parsed.ok
			? { value: parsed.value.normalized, issues: [] }
			: fail(f.key, ctx.messages.enterpriseNumber({ label: ctx.label }));
	},
	write: (f, value) => ({ [f.key]: value === undefined ? '' : formatEnterpriseNumber(value) }),
	display: (_f, value) => formatEnterpriseNumber(value)
};
