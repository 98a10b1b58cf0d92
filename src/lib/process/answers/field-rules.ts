// The rules of each field type for answers: which names the field posts (an address posts five,
// a file field posts new uploads and the ids of files kept), the loose shape those values are
// parsed with, and `read`, which validates the posted values and turns them into the canonical
// answer. One place per rule: pages, the final submission and the builder's preview all use it.
import { stripBidiControls } from '../clean-text';
import type { InputField } from '../fields';
import { formatEnterpriseNumber, parseEnterpriseNumber } from '../validators/enterprise-number';
import { formatIban, parseIban } from '../validators/iban';
import { formatLicensePlate, parseLicensePlate } from '../validators/license-plate';
import { formatNationalNumber, parseNationalNumber } from '../validators/national-number';
import { parsePostcode } from '../validators/postcode';
import type { AnswerMessages } from './messages';
import { addressParts, isChosenFile, type AnswerValue, type StoredFile } from './values';

export type Flat = Record<string, unknown>;
export type Issue = { name: string; message: string };
export type ReadContext = {
	messages: AnswerMessages;
	label: string;
	today: string;
	places?: PostcodeDirectory;
};

/**
 * The official list of Belgian postcodes and the place names that go with them. The server has
 * it when the operator installed the list; the browser does not load it, so there the check is
 * left to the server.
 */
export type PostcodeDirectory = { namesOf(postcode: string): string[] | null };

/** Place names compared the way people type them: case, accents, spaces and dashes ignored. */
export function normalizePlace(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[\s'’.-]+/g, '');
}
export type ReadResult = { value?: AnswerValue; issues: Issue[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const TEL = /^\+?[0-9]{8,15}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The names a field posts; file fields post new uploads under `key` and kept ids under `key.keep`. */
export function listNames(f: InputField): string[] {
	if (f.type === 'address') return addressParts.map((p) => `${f.key}.${p}`);
	if (f.type === 'file') return [f.key, `${f.key}.keep`];
	return [f.key];
}

/** A posted text as we read it: trimmed, without direction-changing characters. */
function str(v: unknown): string {
	return typeof v === 'string' ? stripBidiControls(v).trim() : '';
}

function fail(name: string, message: string): ReadResult {
	return { issues: [{ name, message }] };
}

function resolveBound(bound: string | undefined, today: string): string | undefined {
	return bound === 'today' ? today : bound;
}

function isValidIsoDate(v: string): boolean {
	if (!DATE.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Parses a number the way Belgians type it: "2,5", "1.250", "1 250,75" (and "2.5"). */
export function parseLocalNumber(input: string): number | null {
	let n = input.replace(/[\s\u00a0]/g, '');
	if (n.includes(',')) n = n.replace(/\./g, '').replace(',', '.');
	else if (/^-?\d{1,3}(\.\d{3})+$/.test(n)) n = n.replace(/\./g, '');
	return /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : null;
}

function readFiles(
	f: Extract<InputField, { type: 'file' }>,
	flat: Flat,
	ctx: ReadContext,
	known: StoredFile[]
): ReadResult {
	const { messages: m, label } = ctx;
	const keep = (flat[`${f.key}.keep`] as string[] | undefined) ?? [];
	const kept = known.filter((file) => keep.includes(file.id));
	const uploads = ((flat[f.key] as File[] | undefined) ?? []).filter(isChosenFile);
	const issues: Issue[] = [];
	for (const file of uploads) {
		if (file.size > f.maxSizeMb * 1024 * 1024)
			issues.push({
				name: f.key,
				message: m.fileSize({ label, name: file.name, maxMb: f.maxSizeMb })
			});
		else if (file.type && !(f.accept as string[]).includes(file.type))
			issues.push({
				name: f.key,
				message: m.fileType({ label, name: file.name, accepted: describeAccept(f.accept) })
			});
	}
	const count = kept.length + uploads.length;
	if (count > f.maxFiles)
		issues.push({ name: f.key, message: m.fileCount({ label, max: f.maxFiles }) });
	if (issues.length > 0) return { issues };
	if (count === 0) return f.required ? fail(f.key, m.required({ label })) : { issues: [] };
	// New uploads become stored files when the page is saved; here only the kept ones are known.
	return { value: kept, issues: [] };
}

/** The accepted types in words a citizen knows: PDF, JPG, PNG… */
export function describeAccept(accept: readonly string[]): string {
	const names: Record<string, string> = {
		'application/pdf': 'PDF',
		'image/jpeg': 'JPG',
		'image/png': 'PNG',
		'image/heic': 'HEIC',
		'image/webp': 'WEBP',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
		'application/vnd.oasis.opendocument.text': 'ODT'
	};
	return accept.map((t) => names[t] ?? t).join(', ');
}

/**
 * Validates the posted values of one visible field and returns its canonical answer (undefined
 * when left empty and allowed to be). `knownFiles` are the files the draft already holds for it.
 */
export function readField(
	f: InputField,
	flat: Flat,
	ctx: ReadContext,
	knownFiles: StoredFile[] = []
): ReadResult {
	const { messages: m, label } = ctx;
	const raw = str(flat[f.key]);
	const empty = (): ReadResult =>
		f.required ? fail(f.key, m.required({ label })) : { issues: [] };
	switch (f.type) {
		case 'text':
		case 'textarea': {
			if (!raw) return empty();
			if (f.minLength !== undefined && raw.length < f.minLength)
				return fail(f.key, m.tooShort({ label, count: f.minLength }));
			if (raw.length > f.maxLength) return fail(f.key, m.tooLong({ label, count: f.maxLength }));
			return { value: raw, issues: [] };
		}
		case 'email':
			if (!raw) return empty();
			return EMAIL.test(raw) && raw.length <= 254
				? { value: raw, issues: [] }
				: fail(f.key, m.email({ label }));
		case 'tel': {
			if (!raw) return empty();
			const digits = raw.replace(/[\s./()-]/g, '');
			return TEL.test(digits) ? { value: digits, issues: [] } : fail(f.key, m.tel({ label }));
		}
		case 'number': {
			if (!raw) return empty();
			const n = parseLocalNumber(raw);
			if (n === null) return fail(f.key, m.number({ label }));
			if (f.integer && !Number.isInteger(n)) return fail(f.key, m.integer({ label }));
			if (f.min !== undefined && n < f.min) return fail(f.key, m.atLeast({ label, min: f.min }));
			if (f.max !== undefined && n > f.max) return fail(f.key, m.atMost({ label, max: f.max }));
			return { value: n, issues: [] };
		}
		case 'date': {
			if (!raw) return empty();
			if (!isValidIsoDate(raw)) return fail(f.key, m.date({ label }));
			const from = resolveBound(f.notBefore, ctx.today);
			const to = resolveBound(f.notAfter, ctx.today);
			if (from && raw < from)
				return fail(f.key, m.dateNotBefore({ label, date: m.formatDate(from) }));
			if (to && raw > to) return fail(f.key, m.dateNotAfter({ label, date: m.formatDate(to) }));
			return { value: raw, issues: [] };
		}
		case 'select':
		case 'radio': {
			if (!raw) return f.required ? fail(f.key, m.chooseOne({ label })) : { issues: [] };
			return f.options.some((o) => o.value === raw)
				? { value: raw, issues: [] }
				: fail(f.key, m.chooseOne({ label }));
		}
		case 'checkboxes': {
			const picked = ((flat[f.key] as string[] | undefined) ?? []).filter((v) => v !== '');
			if (picked.some((v) => !f.options.some((o) => o.value === v)))
				return fail(f.key, m.chooseOne({ label }));
			const unique = f.options.map((o) => o.value).filter((v) => picked.includes(v));
			const min = f.minSelected ?? (f.required ? 1 : 0);
			if (unique.length < min) return fail(f.key, m.chooseAtLeast({ label, count: min }));
			if (f.maxSelected !== undefined && unique.length > f.maxSelected)
				return fail(f.key, m.chooseAtMost({ label, count: f.maxSelected }));
			return unique.length > 0 ? { value: unique, issues: [] } : { issues: [] };
		}
		case 'consent': {
			const checked = flat[f.key] === true || flat[f.key] === 'on' || flat[f.key] === 'true';
			if (f.required && !checked) return fail(f.key, m.mustConsent({ label }));
			return { value: checked, issues: [] };
		}
		case 'yesNo': {
			if (!raw) return f.required ? fail(f.key, m.chooseOne({ label })) : { issues: [] };
			if (raw !== 'ja' && raw !== 'nee') return fail(f.key, m.chooseOne({ label }));
			return { value: raw === 'ja', issues: [] };
		}
		case 'nationalNumber': {
			if (!raw) return empty();
			const parsed = parseNationalNumber(raw, new Date(`${ctx.today}T12:00:00Z`));
			return parsed.ok
				? { value: parsed.value.normalized, issues: [] }
				: fail(f.key, m.nationalNumber({ label, reason: parsed.error }));
		}
		case 'enterpriseNumber': {
			if (!raw) return empty();
			const parsed = parseEnterpriseNumber(raw);
			return parsed.ok
				? { value: parsed.value.normalized, issues: [] }
				: fail(f.key, m.enterpriseNumber({ label }));
		}
		case 'iban': {
			if (!raw) return empty();
			const parsed = parseIban(raw);
			if (!parsed.ok) return fail(f.key, m.iban({ label }));
			if (f.belgianOnly && parsed.value.country !== 'BE')
				return fail(f.key, m.ibanBelgian({ label }));
			return { value: parsed.value.normalized, issues: [] };
		}
		case 'licensePlate': {
			if (!raw) return empty();
			const parsed = parseLicensePlate(raw);
			return parsed.ok
				? { value: parsed.value.normalized, issues: [] }
				: fail(f.key, m.licensePlate({ label }));
		}
		case 'postcode': {
			if (!raw) return empty();
			const parsed = parsePostcode(raw);
			if (!parsed.ok) return fail(f.key, m.postcode({ label }));
			if (ctx.places && ctx.places.namesOf(parsed.value.normalized) === null)
				return fail(f.key, m.postcodeUnknown({ label, postcode: parsed.value.normalized }));
			return { value: parsed.value.normalized, issues: [] };
		}
		case 'address': {
			const parts = Object.fromEntries(
				addressParts.map((p) => [p, str(flat[`${f.key}.${p}`])])
			) as Record<(typeof addressParts)[number], string>;
			// Left empty: said at its first part, where the citizen starts typing (and the summary
			// links to), since the address as a whole has no input of its own.
			if (addressParts.every((p) => !parts[p]))
				return f.required ? fail(`${f.key}.street`, m.required({ label })) : { issues: [] };
			const issues: Issue[] = [];
			for (const part of ['street', 'number', 'postcode', 'municipality'] as const)
				if (!parts[part])
					issues.push({ name: `${f.key}.${part}`, message: m.addressPart({ label, part }) });
			if (parts.postcode && !parsePostcode(parts.postcode).ok)
				issues.push({ name: `${f.key}.postcode`, message: m.postcode({ label }) });
			if (
				parts.box.length > 10 ||
				parts.number.length > 10 ||
				parts.street.length > 200 ||
				parts.municipality.length > 100
			)
				issues.push({ name: `${f.key}.street`, message: m.tooLong({ label, count: 200 }) });
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
		}
		case 'file':
			return readFiles(f, flat, ctx, knownFiles);
	}
}

/** The posted form of a stored answer, to fill a page in again. */
export function writeField(f: InputField, value: AnswerValue | undefined): Flat {
	if (f.type === 'address') {
		const a = (value ?? {}) as Partial<Record<string, string>>;
		return Object.fromEntries(addressParts.map((p) => [`${f.key}.${p}`, a[p] ?? '']));
	}
	if (f.type === 'file')
		return {
			[f.key]: undefined,
			[`${f.key}.keep`]: ((value ?? []) as StoredFile[]).map((s) => s.id)
		};
	if (f.type === 'checkboxes') return { [f.key]: (value as string[] | undefined) ?? [] };
	if (f.type === 'consent') return { [f.key]: value === true };
	if (f.type === 'yesNo') return { [f.key]: value === true ? 'ja' : value === false ? 'nee' : '' };
	if (f.type === 'number')
		return { [f.key]: value === undefined ? '' : String(value).replace('.', ',') };
	// Identifiers are stored normalised; show them the way people write them.
	if (typeof value === 'string' && f.type in identifierFormats)
		return { [f.key]: identifierFormats[f.type as keyof typeof identifierFormats](value) };
	return { [f.key]: value === undefined ? '' : String(value) };
}

const identifierFormats = {
	nationalNumber: formatNationalNumber,
	enterpriseNumber: formatEnterpriseNumber,
	iban: formatIban,
	licensePlate: formatLicensePlate
};
