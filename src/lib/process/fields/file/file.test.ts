import { describe, expect, it } from 'vitest';
import { readPage } from '../../answers';
import { testMessages } from '../../answers/test-messages';
import { readPostedPage } from '../../runner';
import type { FieldOf } from '..';

const photos: FieldOf<'file'> = {
	type: 'file',
	key: 'fotos',
	label: { nl: "Foto's" },
	required: false,
	accept: ['image/jpeg', 'image/png'],
	maxFiles: 3,
	maxSizeMb: 10
};
const def = { pages: [{ id: 'p', title: { nl: 'P' }, fields: [photos] }], leadTimes: [] };
const opts = { messages: testMessages, locale: 'nl' as const, today: '2026-11-28' };

describe('a file answer', () => {
	it('says a chosen file of 0 bytes is empty, at its field, as posted and as read', () => {
		const empty = new File([], 'leeg.jpg', { type: 'image/jpeg' });
		const reading = readPage(def, 0, { fotos: [empty], 'fotos.keep': [] }, {}, opts);
		expect(reading.issues).toEqual([
			{ name: 'fotos', message: testMessages.fileEmpty({ label: "Foto's", name: 'leeg.jpg' }) }
		]);
		const form = new FormData();
		form.append('fotos', empty);
		const posted = readPostedPage(def, 0, {}, form, opts);
		expect(posted.kind === 'read' && posted.reading.issues.map((i) => i.name)).toEqual(['fotos']);
	});

	it('reads an empty file input (a nameless empty part) as no file chosen', () => {
		const form = new FormData();
		form.append('fotos', new File([], '', { type: 'application/octet-stream' }));
		const posted = readPostedPage(def, 0, {}, form, opts);
		expect(posted.kind === 'read' && posted.reading.issues).toEqual([]);
	});
});
