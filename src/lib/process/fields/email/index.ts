// An e-mail address: checked for its shape only (a mailbox is proven by mailing it).
import { empty, fail, postsText, readText, writeText, type FieldModule } from '../module';
import type { EmailField } from './definition';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export const email: FieldModule<EmailField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		return EMAIL.test(raw) && raw.length <= 254
			? { value: raw, issues: [] }
			: fail(f.key, ctx.messages.email({ label: ctx.label }));
	},
	write: writeText,
	display: (_f, value) => value
};
