// Yes or no, posted as "ja" or "nee", stored as true or false.
import { fail, readText, type FieldModule } from '../module';
import type { YesNoField } from './definition';

export const yesNo: FieldModule<YesNoField, boolean> = {
	kind: 'boolean',
	posted: (f) => ({ [f.key]: 'text' }),
	read(f, flat, ctx) {
		const raw = readText(flat, f.key);
		const chooseOne = () => fail(f.key, ctx.messages.chooseOne({ label: ctx.label }));
		if (!raw) return f.required ? chooseOne() : { issues: [] };
		if (raw !== 'ja' && raw !== 'nee') return chooseOne();
		return { value: raw === 'ja', issues: [] };
	},
	write: (f, value) => ({ [f.key]: value === true ? 'ja' : value === false ? 'nee' : '' }),
	display: (_f, value, { words }) => (value ? words.yes : words.no)
};
