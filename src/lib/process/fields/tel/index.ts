// A telephone number, typed with or without spaces, dots, dashes or brackets and stored as its
// digits (with a leading + for an international number); shown grouped the way Belgians write
// it (0470 12 34 56, 02 123 45 67, +32 470 12 34 56).
import { formatPhoneNumber } from '../../validators/phone';
import { textInputModule } from '../module';
import type { TelField } from './definition';

const TEL = /^\+?[0-9]{8,15}$/;

export const tel = textInputModule<TelField, string>({
	kind: 'string',
	read(raw, _f, ctx) {
		const digits = raw.replace(/[\s./()-]/g, '');
		return TEL.test(digits)
			? { value: digits }
			: { message: ctx.messages.tel({ label: ctx.label }) };
	},
	display: (_f, value) => formatPhoneNumber(value)
});
