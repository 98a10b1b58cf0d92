import { describe, expect, it } from 'vitest';
import { previewPageOf, savedSubject } from './preview-page';

const pages = [
	{ id: 'wat', fields: [{ key: 'soort' }, { key: 'omschrijving' }] },
	{ id: 'waar', fields: [{ key: 'adres' }] }
];

describe('previewPageOf', () => {
	it('finds a page by its id, and the page of a field by its key', () => {
		expect(previewPageOf(pages, 'waar')).toBe('waar');
		expect(previewPageOf(pages, 'adres')).toBe('waar');
		expect(previewPageOf(pages, 'omschrijving')).toBe('wat');
	});
	it('gives nothing for a subject that is no page or field (a state, the general settings)', () => {
		expect(previewPageOf(pages, 'general')).toBeUndefined();
		expect(previewPageOf(pages, undefined)).toBeUndefined();
		expect(previewPageOf('not pages', 'waar')).toBeUndefined();
	});
	it('reads the subject of a saved result only', () => {
		expect(savedSubject({ saved: true, subject: 'waar' })).toBe('waar');
		expect(savedSubject({ conflict: 'x' })).toBeUndefined();
		expect(savedSubject(null)).toBeUndefined();
	});
});
