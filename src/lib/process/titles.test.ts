import { describe, expect, it } from 'vitest';
import { distinguishTitles } from './titles';

describe('distinguishTitles', () => {
	it('adds the id to titles that occur more than once, and leaves unique ones alone', () => {
		const titles = distinguishTitles([
			{ id: 'klacht', title: 'Klacht' },
			{ id: 'klacht-kopie', title: 'Klacht' },
			{ id: 'parkeerkaart', title: 'Parkeerkaart' },
			{ id: 'import-x', title: 'Klacht' }
		]);
		expect([...titles.values()]).toEqual([
			'Klacht (klacht)',
			'Klacht (klacht-kopie)',
			'Parkeerkaart',
			'Klacht (import-x)'
		]);
	});
});
