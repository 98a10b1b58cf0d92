import { describe, expect, it } from 'vitest';
import { listPageValues, restoreTyped, type AnswerMap, type AnswerOptions } from '.';
import { testDefinition as def } from './test-definition';
import { testMessages } from './test-messages';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };
const saved: AnswerMap = {
	naam: 'Ada Peeters',
	rrn: '85073003328',
	rekening: 'BE68539007547034',
	eigendom: 'lease',
	contract: [{ id: 'f1', name: 'contract.pdf', size: 2048, type: 'application/pdf' }],
	adres: { street: 'Kerkstraat', number: '12', box: '', postcode: '9000', municipality: 'Gent' }
};
const shown = listPageValues(def, 0, saved);

describe('putting back what was typed on a device', () => {
	it('shows the saved answers, normalised, when the typing reads the same (sent, or typed another way)', () => {
		expect(shown.rrn).toBe('85.07.30-033.28');
		const typed = { ...shown, rrn: '85073003328', rekening: 'be68 5390 0754 7034' };
		expect(restoreTyped(def, 0, typed, shown, saved, opts)).toBeNull();
	});

	it('puts back typing the server does not have, over what the page shows', () => {
		const typed = { ...shown, naam: 'Ada Peters', rrn: '85073003328' };
		expect(restoreTyped(def, 0, typed, shown, saved, opts)).toEqual({
			...shown,
			naam: 'Ada Peters',
			rrn: '85073003328'
		});
	});

	it('keeps the files the server has, not a kept-files list typed before an upload', () => {
		const typed = { ...shown, 'contract.keep': [] as string[] };
		expect(restoreTyped(def, 0, typed, shown, saved, opts)).toBeNull();
		const restored = restoreTyped(def, 0, { ...typed, naam: 'Ada' }, shown, saved, opts);
		expect(restored?.['contract.keep']).toEqual(['f1']);
	});
});
