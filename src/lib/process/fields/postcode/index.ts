// A Belgian postcode: four digits, and one that exists when the server has the official list.
import { parsePostcode } from '../../validators/postcode';
import { textInputModule } from '../module';
import type { PostcodeField } from './definition';

export const postcode = textInputModule<PostcodeField, string>({
	kind: 'string',
	read(raw, _f, { messages: m, label, places }) {
		const parsed = parsePostcode(raw);
		if (!parsed.ok) return { message: m.postcode({ label }) };
		if (places && places.namesOf(parsed.value.normalized) === null)
			return { message: m.postcodeUnknown({ label, postcode: parsed.value.normalized }) };
		return { value: parsed.value.normalized };
	}
});
