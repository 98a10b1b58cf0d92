import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { AnswerOptions } from '$lib/process/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { testMessages } from '$lib/process/answers/test-messages';
import { readPostedPage } from '$lib/process/runner';
import { answerStore } from './preview';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };

/** A browser's cookie jar for one path, as SvelteKit's `cookies` hands it to a request. */
function cookieJar(): Cookies {
	const jar = new Map<string, string>();
	return {
		get: (name) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name, value) => void jar.set(name, value),
		delete: (name) => void jar.delete(name),
		serialize: (name, value) => `${name}=${value}`
	};
}

const firstPage = {
	naam: 'Ada Peeters',
	rrn: '85.07.30-033.28',
	rekening: 'BE68 5390 0754 7034',
	eigendom: 'eigen',
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.box': '',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent',
	email: ''
};

function post(values: Record<string, string>) {
	const form = new FormData();
	for (const [name, value] of Object.entries(values)) form.append(name, value);
	return form;
}

describe("the builder's preview as an answer store", () => {
	it('drops an answer the citizen emptied, as the real form does', async () => {
		const store = answerStore(testDefinition, cookieJar(), 'proef@1', '/preview');
		const keep = async (values: Record<string, string>) => {
			const posted = readPostedPage(testDefinition, 0, await store.load(), post(values), opts);
			if (posted.kind !== 'read') throw new Error('refused');
			expect(posted.reading.issues).toEqual([]);
			return store.save(0, posted.reading);
		};
		await keep(firstPage);
		expect((await store.load()).rekening).toBe('BE68539007547034');

		const saved = await keep({ ...firstPage, rekening: '' });
		expect(saved.ok && 'rekening' in saved.answers).toBe(false);
		expect(await store.load()).not.toHaveProperty('rekening');
	});
});
