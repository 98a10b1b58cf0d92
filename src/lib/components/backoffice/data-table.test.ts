import { createRawSnippet } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import DataTable from './DataTable.svelte';

type Item = { id: number; name: string; count: number };
const columns = [
	{ key: 'name', label: 'Naam' },
	{ key: 'count', label: 'Aantal', numeric: true, class: 'narrow' }
];
const row = createRawSnippet((item: () => Item) => ({
	render: () => `<th scope="row">${item().name}</th><td class="numeric">${item().count}</td>`
}));
const rows: Item[] = [
	{ id: 1, name: 'Een', count: 3 },
	{ id: 2, name: 'Twee', count: 12 }
];

/** The page as a browser reads it, without Svelte's hydration markers. */
const html = (body: string) => body.replace(/<!--.*?-->/g, '');

describe('DataTable', () => {
	it('names the scroll region by its caption and draws a header row and one row per item', () => {
		const body = html(
			render(DataTable<Item>, {
				props: { id: 'things', caption: 'Dingen', columns, rows, key: (i) => i.id, row }
			}).body
		);
		expect(body).toMatch(/role="region" aria-labelledby="things-caption" tabindex="0"/);
		expect(body).toMatch(/<caption id="things-caption"[^>]*>Dingen<\/caption>/);
		expect(body).toMatch(/<th scope="col"[^>]*>Naam<\/th>/);
		expect(body).toMatch(/<th scope="col" class="[^"]*numeric[^"]*narrow[^"]*"[^>]*>Aantal<\/th>/);
		expect(body.match(/<th scope="row">/g)).toHaveLength(2);
		expect(body).toContain('<th scope="row">Twee</th><td class="numeric">12</td>');
	});

	it('hides the caption on request, or leaves it out for a heading that names the region', () => {
		const hidden = render(DataTable<Item>, {
			props: {
				id: 'x',
				caption: 'Dingen',
				captionHidden: true,
				columns,
				rows,
				key: (i) => i.id,
				row
			}
		}).body;
		expect(hidden).toMatch(/<caption id="x-caption" class="[^"]*visually-hidden/);
		const named = render(DataTable<Item>, {
			props: { labelledBy: 'heading', columns, rows, key: (i) => i.id, row }
		}).body;
		expect(named).toContain('aria-labelledby="heading"');
		expect(named).not.toContain('<caption');
	});

	it('shows the empty message instead of the table, and an empty table without one', () => {
		const empty = render(DataTable<Item>, {
			props: { caption: 'Dingen', columns, rows: [], key: (i) => i.id, row, empty: 'Geen dingen.' }
		}).body;
		expect(empty).toContain('<p>Geen dingen.</p>');
		expect(empty).not.toContain('<table');
		const bare = render(DataTable<Item>, {
			props: { caption: 'Dingen', columns, rows: [], key: (i) => i.id, row }
		}).body;
		expect(bare).toContain('<table');
		expect(bare).not.toContain('scope="row"');
	});

	it('links a sorting header to its order, tells the current direction, and draws a header snippet', () => {
		const box = createRawSnippet(() => ({
			render: () => '<input type="checkbox" aria-label="Alle">'
		}));
		const sorted = [
			{ key: 'pick', label: 'Kies', width: '2.5rem', header: box },
			{
				key: 'name',
				label: 'Naam',
				sort: { href: '/x?sort=name', current: 'asc' as const, hint: 'sorteer' }
			},
			{ key: 'count', label: 'Aantal', sort: { href: '/x?sort=count', hint: 'sorteer' } }
		];
		const body = html(
			render(DataTable<Item>, {
				props: { caption: 'Dingen', columns: sorted, rows, key: (i) => i.id, row, oneLine: true }
			}).body
		);
		expect(body).toMatch(
			/<th scope="col"[^>]*style="width: 2.5rem;"[^>]*><input type="checkbox" aria-label="Alle">/
		);
		expect(body).toMatch(
			/<th scope="col"[^>]*aria-sort="ascending"[^>]*><a href="\/x\?sort=name"[^>]*>Naam<span class="visually-hidden">, sorteer<\/span><span aria-hidden="true" class="arrow[^"]*">▲<\/span><\/a>/
		);
		expect(body).toMatch(
			/<th scope="col"(?![^>]*aria-sort)[^>]*><a href="\/x\?sort=count"[^>]*>Aantal<span/
		);
		expect(body).not.toMatch(
			/sort=count[^>]*>Aantal<span class="visually-hidden">, sorteer<\/span><span aria-hidden/
		);
		expect(body).toContain('one-line');
	});
});
