// A ticked or unticked checkbox, stored as true or false and shown as yes or no.
import { fail, type FieldModule } from '../module';
import type { ConsentField } from './definition';

export const consent: FieldModule<ConsentField, boolean> = {
	kind: 'boolean',
	posted: (f) => ({ [f.key]: 'flag' }),
	read(f, flat, ctx) {
		const checked = flat[f.key] === true || flat[f.key] === 'on' || flat[f.key] === 'true';
		if (f.required && !checked) return fail(f.key, ctx.messages.mustConsent({ label: ctx.label }));
		return { value: checked, issues: [] };
	},
	write: (f, value) => ({ [f.key]: value === true }),
	display: (_f, value, { words }) => (value ? words.yes : words.no)
};
