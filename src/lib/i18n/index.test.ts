import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audiences, categories } from '$lib/process/definition';
import {
	audienceLabel,
	categoryLabel,
	formatDate,
	formatDateTime,
	formatMoney,
	locales,
	m
} from '.';

const readMessages = (locale: string): Record<string, unknown> =>
	JSON.parse(readFileSync(join(import.meta.dirname, 'messages', `${locale}.json`), 'utf8'));

type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> }[];

/** What a translation must keep of a message: its placeholders and its variants' structure. */
function shape(value: unknown): unknown {
	const placeholders = (text: string) => [...text.matchAll(/\{[^{}]*\}/g)].map((p) => p[0]).sort();
	if (typeof value === 'string') return placeholders(value);
	return (value as Variants).map((v) => ({
		declarations: v.declarations,
		selectors: v.selectors,
		match: Object.fromEntries(Object.entries(v.match).map(([k, t]) => [k, placeholders(t)]))
	}));
}

describe('message files', () => {
	it('English has every Dutch message and no others', () => {
		const nl = Object.keys(readMessages('nl')).sort();
		const en = Object.keys(readMessages('en')).sort();
		expect(en).toEqual(nl);
	});

	it('English and French have every Dutch message, with the same placeholders and variants', () => {
		const nl = readMessages('nl');
		for (const locale of ['en', 'fr']) {
			const other = readMessages(locale);
			expect(Object.keys(other).sort(), locale).toEqual(Object.keys(nl).sort());
			for (const [key, value] of Object.entries(nl))
				if (key !== '$schema') expect(shape(other[key]), `${locale}.${key}`).toEqual(shape(value));
		}
	});

	it('has no empty texts', () => {
		for (const locale of locales)
			for (const [key, value] of Object.entries(readMessages(locale)))
				expect(JSON.stringify(value).length, `${locale}.${key}`).toBeGreaterThan(2);
	});
});

describe('messages', () => {
	it('default to Dutch and can be asked for in English', () => {
		expect(m.catalogueTitle()).toBe('Wat wilt u aanvragen of melden?');
		expect(m.catalogueTitle({}, { locale: 'en' })).toBe(
			'What would you like to apply for or report?'
		);
	});

	it('can be asked for in French', () => {
		expect(m.catalogueTitle({}, { locale: 'fr' })).toBe(
			'Que souhaitez-vous demander ou signaler ?'
		);
		expect(m.vRequired({ label: 'Rue' }, { locale: 'fr' })).toBe('Complétez « Rue ».');
		expect(m.receiptDueDate({ date: '12 décembre 2026' }, { locale: 'fr' })).toBe(
			'Vous recevrez une décision au plus tard le 12 décembre 2026.'
		);
		// French counts 0 and 1 in the singular.
		expect(m.resultCount({ count: 0 }, { locale: 'fr' })).toBe('0 produit trouvé');
		expect(m.resultCount({ count: 1 }, { locale: 'fr' })).toBe('1 produit trouvé');
		expect(m.resultCount({ count: 2 }, { locale: 'fr' })).toBe('2 produits trouvés');
		expect(m.handlingDays({ days: 30, unit: 'working' }, { locale: 'fr' })).toBe(
			'30 jours ouvrables'
		);
		expect(audienceLabel('onderneming', 'fr')).toBe('Entreprises');
		expect(categoryLabel('BouwenWonen', 'fr')).toBe('Construire et se loger');
	});

	it('count in the singular and the plural', () => {
		expect(m.resultCount({ count: 1 })).toBe('1 product gevonden');
		expect(m.resultCount({ count: 3 })).toBe('3 producten gevonden');
		expect(m.resultCount({ count: 0 }, { locale: 'en' })).toBe('0 products found');
		expect(m.processCount({ count: 1 }, { locale: 'en' })).toBe('1 product');
	});

	it('name working and calendar days', () => {
		expect(m.handlingDays({ days: 1, unit: 'working' })).toBe('1 werkdag');
		expect(m.handlingDays({ days: 30, unit: 'working' })).toBe('30 werkdagen');
		expect(m.handlingDays({ days: 1, unit: 'calendar' })).toBe('1 kalenderdag');
		expect(m.handlingDays({ days: 60, unit: 'calendar' }, { locale: 'en' })).toBe(
			'60 calendar days'
		);
		expect(m.handlingDays({ days: 1, unit: 'working' }, { locale: 'en' })).toBe('1 working day');
	});

	it('tell whether logging in is needed', () => {
		expect(m.loginInfo({ auth: 'none' })).toBe('U hoeft zich niet aan te melden.');
		expect(m.loginInfo({ auth: 'required' }, { locale: 'en' })).toBe(
			'You need to log in to apply.'
		);
	});

	it('name every theme and audience in both languages', () => {
		for (const category of categories) {
			expect(categoryLabel(category, 'nl')).not.toBe(categoryLabel(category, 'en'));
		}
		expect(categoryLabel('MobiliteitOpenbareWerken', 'nl')).toBe('Mobiliteit en openbare werken');
		expect(audiences.map((a) => audienceLabel(a, 'en'))).toEqual([
			'Citizens',
			'Businesses',
			'Associations'
		]);
	});
});

describe('formatting', () => {
	it('writes money and dates the Belgian way', () => {
		expect(formatMoney(12.5, 'nl')).toMatch(/^€\s?12,50$/);
		expect(formatDate('2026-07-21', 'nl')).toBe('21 juli 2026');
		expect(formatDate('2026-07-21', 'en')).toBe('21 July 2026');
		expect(formatDate('2026-07-21', 'fr')).toBe('21 juillet 2026');
		expect(formatMoney(1234.5, 'fr')).toMatch(/^1\s234,50\s€$/u);
	});

	it('writes moments in Brussels time, the same way on every back-office page', () => {
		const at = new Date('2026-12-06T09:52:13Z');
		expect(formatDateTime(at, 'nl')).toBe('6 dec 2026, 10:52');
		expect(formatDateTime(at, 'nl', true)).toBe('6 dec 2026, 10:52:13');
		expect(formatDateTime(at, 'en')).toBe('06 Dec 2026, 10:52');
		expect(formatDateTime(at, 'fr')).toBe('6 déc. 2026, 10:52');
	});
});
