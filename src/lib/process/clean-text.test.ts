import { describe, expect, it } from 'vitest';
import { stripBidiControls } from './clean-text';

describe('stripBidiControls', () => {
	it('drops every bidirectional control character', () => {
		const controls = [
			'\u202A',
			'\u202B',
			'\u202C',
			'\u202D',
			'\u202E',
			'\u2066',
			'\u2067',
			'\u2068',
			'\u2069',
			'\u200E',
			'\u200F',
			'\u061C'
		];
		for (const c of controls) expect(stripBidiControls(`a${c}b`)).toBe('ab');
		expect(stripBidiControls('\u202Egnp.exe')).toBe('gnp.exe');
	});

	it('keeps everything else as typed, Arabic and Hebrew letters included', () => {
		const text = 'Straße 12 – café «ok» مرحبا שלום 👍\nnieuwe regel';
		expect(stripBidiControls(text)).toBe(text);
	});
});
