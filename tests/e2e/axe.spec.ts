// The accessibility check every spec relies on (axe.ts) must itself find what it is there for:
// a violation in the page, one in a same-origin frame, one that appears after a first clean check
// of the same document, and the landmark rules.
import { expect, test } from '@playwright/test';
import { expectAccessible, expectUniqueLandmarks } from './axe';

const clean = `<!doctype html><html lang="nl"><head><title>Proef</title></head><body>
<main><h1>Proef</h1><label for="naam">Naam</label><input id="naam"></main></body></html>`;

test('the check passes a clean page and names a violation in the page, in a frame and added later', async ({
	page
}) => {
	await page.setContent(clean);
	await expectAccessible(page);

	// The same document, checked again after a change: axe is reused and still sees the change.
	await page.evaluate(() => {
		const input = document.createElement('input');
		input.id = 'zonder-label';
		document.querySelector('main')!.append(input);
	});
	const later = await expectAccessible(page).then(
		() => '',
		(e: Error) => e.message
	);
	expect(later).toContain('label');
	expect(later).toContain('#zonder-label');

	// A violation inside a same-origin frame (the process editor's preview is one), on pages
	// served from a real origin.
	await page.route('http://axe.proef/**', (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: route.request().url().endsWith('/binnen')
				? `<!doctype html><html lang="nl"><head><title>Binnen</title></head><body><img src="x.png" id="zonder-alt"></body></html>`
				: clean.replace('</main>', '<iframe title="Voorbeeld" src="/binnen"></iframe></main>')
		})
	);
	await page.goto('http://axe.proef/');
	await page.frameLocator('iframe').locator('#zonder-alt').waitFor({ state: 'attached' });
	const framed = await expectAccessible(page).then(
		() => '',
		(e: Error) => e.message
	);
	expect(framed).toContain('image-alt');
	expect(framed).toContain('#zonder-alt');
});

test('the landmark check names a second main', async ({ page }) => {
	await page.setContent(clean);
	await expectUniqueLandmarks(page);
	await page.setContent(clean.replace('</body>', '<main><p>Tweede</p></main></body>'));
	const found = await expectUniqueLandmarks(page).then(
		() => '',
		(e: Error) => e.message
	);
	expect(found).toContain('landmark-no-duplicate-main');
});
