// An e-mail address: checked for its shape only (a mailbox is proven by mailing it).
import { textInputModule } from '../module';
import type { EmailField } from './definition';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export const email = textInputModule<EmailField, string>({
	kind: 'string',
	read: (raw, _f, ctx) =>
		EMAIL.test(raw) && raw.length <= 254
			? { value: raw }
			: { message: ctx.messages.email({ label: ctx.label }) }
});
