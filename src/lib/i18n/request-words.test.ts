import { describe, expect, it } from 'vitest';
import { chooseRequestWords } from './request-words';

describe('chooseRequestWords', () => {
	it('calls a report a report, with no decision, in both languages', () => {
		const words = chooseRequestWords('report');
		expect(words.receiptTitle({}, { locale: 'nl' })).toBe('Uw melding is verstuurd');
		expect(words.pageTitle({ reference: '2026-000001' }, { locale: 'nl' })).toBe(
			'Melding 2026-000001'
		);
		expect(words.receiptDueDate({ date: '1 maart 2027' }, { locale: 'nl' })).not.toMatch(
			/beslissing/
		);
		expect(words.receiptTitle({}, { locale: 'en' })).toBe('Your report has been sent');
		const all = Object.values(words).map((say) =>
			say({ reference: 'x', date: 'y' }, { locale: 'nl' })
		);
		expect(all.filter((text) => /aanvraag|beslissing/i.test(text))).toEqual([]);
	});

	it('calls an application, and a definition that names no kind, an application', () => {
		for (const kind of ['application', undefined] as const) {
			const words = chooseRequestWords(kind);
			expect(words.receiptTitle({}, { locale: 'nl' })).toBe('Uw aanvraag is ingediend');
			expect(words.expectedLabel({}, { locale: 'nl' })).toBe('Verwachte beslissing');
		}
	});
});
