// A Belgian postcode: four digits, and one that exists when the server has the official list.
import { parsePostcode } from '../../validators/postcode';
import { empty, fail, postsText, readText, writeText, type FieldModule } from '../module';
import type { PostcodeField } from './definition';

export const postcode: FieldModule<PostcodeField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const parsed = parsePostcode(raw);
		if (!parsed.ok) return fail(f.key, m.postcode({ label }));
		if (ctx.places && ctx.places.namesOf(parsed.value.normalized) === null)
			return fail(f.key, m.postcodeUnknown({ label, postcode: parsed.value.normalized }));
		return { value: parsed.value.normalized, issues: [] };
	},
	write: writeText,
	display: (_f, value) => value
};
