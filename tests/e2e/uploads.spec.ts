// Hostile uploads seen from the browser: a photo that promises too many pixels (a decompression
// bomb) is refused next to its field with what was typed kept; a photo whose name hides its real
// extension behind a right-to-left override is stored under a clean name; and every download of
// it (the guest's tracking link, the back-office) is an attachment with our type, nosniff and a
// sandbox, never something the browser renders on our origin.
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { pngOf } from '../../src/lib/server/files/test-files';
import { expectAccessible } from './axe';
import {
	describeProblem,
	escapeRegExp,
	fillAddress,
	melding,
	pressContinue,
	readReference,
	sendReportWithoutContact
} from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 180_000 });

const bomb = {
	name: 'bom.png',
	mimeType: 'image/png',
	buffer: Buffer.from(pngOf(100_000, 100_000))
};
// "Rekening" + RIGHT-TO-LEFT OVERRIDE + "gnp.png" reads as "Rekeninggnp.png" backwards in a
// file list: the override is dropped, the name stored is plain.
const sneaky = {
	name: 'Rekening\u202Egnp.png',
	mimeType: 'image/png',
	buffer: Buffer.from(pngOf(2, 2))
};

function expectSafeDownload(response: APIResponse, name: string) {
	expect(response.status()).toBe(200);
	const headers = response.headers();
	expect(headers['content-type']).toBe('image/png');
	expect(headers['content-disposition']).toBe(
		`attachment; filename="${name}"; filename*=UTF-8''${name}`
	);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['content-security-policy']).toBe("default-src 'none'; sandbox");
}

async function fileLinkHref(page: Page, name: string): Promise<string> {
	const link = page.getByRole('link', { name: new RegExp(`^${name.replace('.', '\\.')}`) });
	await expect(link).toBeVisible();
	return (await link.getAttribute('href')) ?? '-';
}

test('a decompression bomb is refused at its field; a hidden extension is stored and served clean', async ({
	page,
	browser
}) => {
	await describeProblem(page, 'Verzakte tegels op het voetpad.');
	await fillAddress(page, 'Adres', {
		street: 'Molenstraat',
		number: '4',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel('Meer uitleg over de plaats').fill('Naast de brievenbus.');
	const photos = page.getByLabel("Foto's");
	await photos.setInputFiles(bomb);
	await pressContinue(page);

	const refusal =
		"‘bom.png’: deze afbeelding is te groot (meer dan 30.000 pixels breed of hoog, of meer dan 250 megapixel). Verklein ze en probeer opnieuw (‘Foto's’).";
	await expect(page).toHaveURL(`${melding}/locatie`);
	await expect(photos).toHaveAttribute('aria-invalid', 'true');
	await expect(photos).toHaveAccessibleDescription(new RegExp(escapeRegExp(refusal)));
	await expect(page.getByRole('alert')).toContainText(refusal);
	await expect(page.getByLabel('Meer uitleg over de plaats')).toHaveValue('Naast de brievenbus.');
	await expect(page.getByLabel('Straat')).toHaveValue('Molenstraat');
	await expectAccessible(page);

	await photos.setInputFiles(sneaky);
	await pressContinue(page);
	await sendReportWithoutContact(page, 'Aanvraag indienen');
	const reference = await readReference(page);

	// The guest's tracking link.
	await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).click();
	await expect(page).toHaveURL(/\/volg\/[\w-]+$/);
	await expectAccessible(page);
	expectSafeDownload(
		await page.request.get(await fileLinkHref(page, 'Rekeninggnp.png')),
		'Rekeninggnp.png'
	);

	// The back-office.
	const staff = await (await browser.newContext()).newPage();
	await logIn(staff, 'staff');
	await staff.goto('/backoffice');
	await staff.getByRole('link', { name: 'Nog niet toegewezen' }).click();
	await staff.getByLabel('Zoeken').fill(reference);
	await staff.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expectAccessible(staff);
	expectSafeDownload(
		await staff.request.get(await fileLinkHref(staff, 'Rekeninggnp.png')),
		'Rekeninggnp.png'
	);
});
