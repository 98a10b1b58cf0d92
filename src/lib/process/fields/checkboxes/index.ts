// The options ticked, stored in the order of the definition (each once) and shown by their
// labels, one per line.
import { fail, type FieldModule } from '../module';
import { labelOf } from '../options';
import type { CheckboxesField } from './definition';

export const checkboxes: FieldModule<CheckboxesField, string[]> = {
	kind: 'strings',
	posted: (f) => ({ [f.key]: 'list' }),
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const picked = ((flat[f.key] as string[] | undefined) ?? []).filter((v) => v !== '');
		if (picked.some((v) => !f.options.some((o) => o.value === v)))
			return fail(f.key, m.chooseOne({ label }));
		const unique = f.options.map((o) => o.value).filter((v) => picked.includes(v));
		const min = f.minSelected ?? (f.required ? 1 : 0);
		if (unique.length < min) return fail(f.key, m.chooseAtLeast({ label, count: min }));
		if (f.maxSelected !== undefined && unique.length > f.maxSelected)
			return fail(f.key, m.chooseAtMost({ label, count: f.maxSelected }));
		return unique.length > 0 ? { value: unique, issues: [] } : { issues: [] };
	},
	write: (f, value) => ({ [f.key]: value ?? [] }),
	display: (f, value, { locale }) => value.map((v) => labelOf(f, v, locale)).join('\n')
};
