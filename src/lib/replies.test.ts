import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholderNames, unknownPlaceholders } from './replies';

const values = {
	name: 'An Peeters',
	reference: '2026-000042',
	due: '12 december 2026',
	municipality: 'Gemeente Voorbeeld'
};

describe('standard reply placeholders', () => {
	it('fills the Dutch and the English names, in any case, as often as they occur', () => {
		expect(
			fillTemplate('Beste {naam}, uw dossier {referentie} ({Reference}) vóór {termijn}.', values)
		).toBe('Beste An Peeters, uw dossier 2026-000042 (2026-000042) vóór 12 december 2026.');
		expect(fillTemplate('Dear {name}, {municipality} decides by {due}.', values)).toBe(
			'Dear An Peeters, Gemeente Voorbeeld decides by 12 december 2026.'
		);
	});

	it('leaves unknown braces as written and reports each once', () => {
		expect(fillTemplate('{nam} en {constructor} en {}', values)).toBe(
			'{nam} en {constructor} en {}'
		);
		expect(unknownPlaceholders('{nam} {naam} {nam} {toString} {termijn}')).toEqual([
			'{nam}',
			'{toString}'
		]);
		expect(unknownPlaceholders('Geen invulplaatsen, wel {een zin met spaties}.')).toEqual([]);
	});

	it('does not fill in a value twice when it contains a placeholder itself', () => {
		expect(fillTemplate('{naam}', { ...values, name: '{referentie}' })).toBe('{referentie}');
	});

	it('names the placeholders in the clerk’s language', () => {
		expect(placeholderNames('nl')).toBe('{naam}, {referentie}, {termijn}, {gemeente}');
		expect(placeholderNames('en')).toBe('{name}, {reference}, {due}, {municipality}');
	});
});
