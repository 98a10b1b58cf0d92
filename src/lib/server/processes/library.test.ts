import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listFields } from '$lib/process/definition';
import { buildJsonSchema } from '$lib/process/json-schema';
import { loadLibrary, readLibraryFiles } from './library';

const library = loadLibrary();
const definitions = library.definitions.map((d) => d.definition);

/** Paths of every `{ nl }` text without a translation into `locale`. */
function findUntranslated(value: unknown, locale: 'en' | 'fr', path = ''): string[] {
	if (Array.isArray(value))
		return value.flatMap((v, i) => findUntranslated(v, locale, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	const record = value as Record<string, unknown>;
	const here = typeof record.nl === 'string' && !record[locale] ? [path] : [];
	return [
		...here,
		...Object.entries(record).flatMap(([k, v]) =>
			findUntranslated(v, locale, path ? `${path}.${k}` : k)
		)
	];
}

describe('the shipped process library (forms/)', () => {
	it('validates every file', () => {
		expect(library.ok ? [] : library.errors).toEqual([]);
		expect(library.definitions.length).toBe(Object.keys(readLibraryFiles()).length);
	});

	it('holds at least 15 processes, including the ones municipalities need most', () => {
		expect(definitions.length).toBeGreaterThanOrEqual(15);
		const ids = definitions.map((d) => d.id);
		for (const id of [
			'attest-gezinssamenstelling',
			'uittreksel-strafregister',
			'adreswijziging',
			'bewonerskaart',
			'evenement',
			'terrasvergunning',
			'inname-openbaar-domein',
			'melding-openbaar-domein',
			'huwelijksaangifte',
			'wettelijke-samenwoning',
			'afvalcontainer',
			'premie-hemelwaterput',
			'openbaarheid-van-bestuur',
			'klacht'
		])
			expect(ids).toContain(id);
	});

	it('names each file after the id of its process', () => {
		for (const { file, definition } of library.definitions)
			expect(file).toBe(`forms/${definition.id}.json`);
	});

	it('serves enterprises with at least one process that asks for a KBO number', () => {
		const forBusinesses = definitions.filter(
			(d) =>
				d.audience.includes('onderneming') &&
				listFields(d).some(({ field }) => field.type === 'enterpriseNumber' && field.required)
		);
		expect(forBusinesses.length).toBeGreaterThanOrEqual(1);
	});

	it('translates every text into English', () => {
		for (const d of definitions) expect(findUntranslated(d, 'en'), d.id).toEqual([]);
	});

	it('translates every text into French, for the facility municipalities', () => {
		for (const d of definitions) expect(findUntranslated(d, 'fr'), d.id).toEqual([]);
	});

	it('keeps the placeholders and headings of every document text in its French', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{\{[^}]+\}\}/g)].map((m) => m[0]).sort();
		const headings = (s: string) => s.split('\n').filter((l) => l.startsWith('#')).length;
		for (const d of definitions)
			for (const template of d.documents ?? [])
				for (const text of [template.title, template.body]) {
					expect(placeholders(text.fr!), `${d.id} ${template.id}`).toEqual(placeholders(text.nl));
					expect(headings(text.fr!), `${d.id} ${template.id}`).toBe(headings(text.nl));
				}
	});

	it('uses conditions and attachments the way real forms do', () => {
		const withConditions = definitions.filter((d) =>
			listFields(d).some(({ field }) => field.showIf !== undefined)
		);
		const withFiles = definitions.filter((d) =>
			listFields(d).some(({ field }) => field.type === 'file')
		);
		expect(withConditions.length).toBeGreaterThanOrEqual(10);
		expect(withFiles.length).toBeGreaterThanOrEqual(10);
		expect(definitions.filter((d) => d.leadTimes.length > 0).length).toBeGreaterThanOrEqual(2);
		expect(definitions.some((d) => d.handlingTime.legal)).toBe(true);
	});

	it('points every file at the generated schema, and that schema is up to date', () => {
		for (const text of Object.values(readLibraryFiles()))
			expect(JSON.parse(text).$schema).toBe('./schema.json');
		const committed = readFileSync(
			new URL('../../../../forms/schema.json', import.meta.url),
			'utf8'
		);
		// When this fails: run `npm run forms:schema` and commit forms/schema.json.
		expect(committed).toBe(buildJsonSchema());
	});
});
