// A Belgian address, posted as five inputs (`adres.street` … `adres.municipality`) and stored as
// one answer with the postcode normalised. With the official postcode list, the postcode must
// exist and belong to the municipality.
import { parsePostcode } from '../../validators/postcode';
import { fail, readText, type FieldModule, type Issue } from '../module';
import type { AddressField } from './definition';

export const addressParts = ['street', 'number', 'box', 'postcode', 'municipality'] as const;
export type AddressPart = (typeof addressParts)[number];
export type AddressAnswer = Record<AddressPart, string>;

/** The longest each part may be; its input stops there (`maxlength`). A postcode may be B-9000. */
export const addressLimits: Record<AddressPart, number> = {
	street: 200,
	number: 10,
	box: 10,
	postcode: 6,
	municipality: 100
};

/** Place names compared the way people type them: case, accents, spaces and dashes ignored. */
export function normalizePlace(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[\s'’.-]+/g, '');
}

export const address: FieldModule<AddressField, AddressAnswer> = {
	kind: 'address',
	posted: (f) => Object.fromEntries(addressParts.map((p) => [`${f.key}.${p}`, 'text'])),
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const parts = Object.fromEntries(
			addressParts.map((p) => [p, readText(flat, `${f.key}.${p}`)])
		) as AddressAnswer;
		// Left empty: said at its first part, where the citizen starts typing (and the summary
		// links to), since the address as a whole has no input of its own.
		if (addressParts.every((p) => !parts[p]))
			return f.required ? fail(`${f.key}.street`, m.required({ label })) : { issues: [] };
		const issues: Issue[] = [];
		const tooLong = (part: AddressPart) => parts[part].length > addressLimits[part];
		for (const part of ['street', 'number', 'postcode', 'municipality'] as const)
			if (!parts[part])
				issues.push({ name: `${f.key}.${part}`, message: m.addressPart({ label, part }) });
		if (parts.postcode && !tooLong('postcode') && !parsePostcode(parts.postcode).ok)
			issues.push({ name: `${f.key}.postcode`, message: m.postcode({ label }) });
		// Each part at its own input, with its own limit.
		for (const part of addressParts)
			if (tooLong(part))
				issues.push({
					name: `${f.key}.${part}`,
					message: m.addressPartTooLong({ label, part, count: addressLimits[part] })
				});
		if (issues.length > 0) return { issues };
		const postcode = parsePostcode(parts.postcode);
		const names = postcode.ok ? ctx.places?.namesOf(postcode.value.normalized) : undefined;
		if (names === null)
			return fail(`${f.key}.postcode`, m.postcodeUnknown({ label, postcode: parts.postcode }));
		if (names && !names.some((n) => normalizePlace(n) === normalizePlace(parts.municipality)))
			return fail(
				`${f.key}.municipality`,
				m.addressMismatch({ label, postcode: parts.postcode, names: names.join(', ') })
			);
		return {
			value: { ...parts, postcode: postcode.ok ? postcode.value.normalized : parts.postcode },
			issues: []
		};
	},
	write: (f, value) =>
		Object.fromEntries(addressParts.map((p) => [`${f.key}.${p}`, value?.[p] ?? ''])),
	display: (_f, a) =>
		`${a.street} ${a.number}${a.box ? ` bus ${a.box}` : ''}\n${a.postcode} ${a.municipality}`
};
