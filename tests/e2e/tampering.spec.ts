// Forms posted by hand instead of by the page: fields that do not belong to the step, files that
// are too big or not what they claim, a request over the body limit, a wrong national number, a
// skipped page and a double submit. Each is refused with a message the citizen can read, and the
// draft stays as it was.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { file, pdf, post, visibleText } from './filing-helpers';

/** Opens a page as the citizen would, and checks it with axe like every page the tests visit. */
async function visit(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expectAccessible(page);
}

const unknownFields = (names: string) =>
	`Dit formulier bevat velden die niet bij deze stap horen: ${names}.`;

async function expectRefused(
	response: Awaited<ReturnType<typeof post>>,
	status: number,
	message: string
) {
	expect(response.status()).toBe(status);
	expect(response.headers()['content-type']).toContain('text/html');
	expect(visibleText(await response.text())).toContain(message);
}

/** The `<input>` tag posting `name` in a server-rendered page. */
function inputTag(html: string, name: string): string {
	return (html.match(/<input\b[^>]*>/g) ?? []).find((tag) => tag.includes(` name="${name}"`)) ?? '';
}

async function startDraft(page: Page, processId: string, firstPage: string) {
	await visit(page, `/p/${processId}/aanvragen`);
	await expect(page).toHaveURL(`/p/${processId}/aanvragen/${firstPage}`);
}

test('a value for a field that an earlier answer hides is refused, and nothing is stored', async ({
	page
}) => {
	const path = '/p/afvalcontainer/aanvragen/adres-gezin';
	await startDraft(page, 'afvalcontainer', 'aanvraag');
	await page.getByRole('radio', { name: 'Container opzeggen' }).check();
	await page
		.getByLabel('Waarom zegt u de container op?')
		.selectOption({ label: 'Verhuis naar een andere gemeente' });
	await page.getByRole('button', { name: 'Verder' }).click();
	await expect(page).toHaveURL(path);
	// Who cancels their container is not asked for the household size.
	await expect(page.getByLabel('Uit hoeveel personen bestaat uw gezin?')).toHaveCount(0);

	const household = {
		'adres.street': 'Dorpsstraat',
		'adres.number': '3',
		'adres.box': '',
		'adres.postcode': '2000',
		'adres.municipality': 'Antwerpen',
		woningType: 'eengezinswoning',
		rijksregisternummerReferentiepersoon: '85.07.30-033.28',
		voornaam: 'Jan',
		familienaam: 'Janssens',
		email: 'jan.janssens@example.be',
		telefoon: '0470123456'
	};
	const saved = await post(page, path, household);
	expect(saved.status()).toBe(303);
	expect(saved.headers().location).toBe('/p/afvalcontainer/aanvragen/container');

	const tampered = await post(page, path, {
		...household,
		voornaam: 'Mallory',
		gezinsgrootte: '4'
	});
	await expectRefused(tampered, 400, unknownFields('gezinsgrootte'));

	await visit(page, path);
	await expect(page.getByLabel('Voornaam')).toHaveValue('Jan');
	await expect(page.getByLabel('Uit hoeveel personen bestaat uw gezin?')).toHaveCount(0);
});

test('an unknown field name is refused, and nothing is stored', async ({ page }) => {
	const path = '/p/melding-openbaar-domein/aanvragen/probleem';
	await startDraft(page, 'melding-openbaar-domein', 'probleem');
	const saved = await post(page, path, {
		categorie: 'wegdek',
		omschrijving: 'Put in de weg voor nummer 8.'
	});
	expect(saved.status()).toBe(303);

	const tampered = await post(page, path, {
		categorie: 'graffiti',
		omschrijving: 'Gewijzigd door een script.',
		rol: 'beheerder'
	});
	await expectRefused(tampered, 400, unknownFields('rol'));

	await visit(page, path);
	await expect(page.getByLabel('Soort probleem')).toHaveValue('wegdek');
	await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue(
		'Put in de weg voor nummer 8.'
	);
});

test.describe('uploads on the first page of the residents’ parking card', () => {
	const path = '/p/bewonerskaart/aanvragen/adres-voertuig';
	const vehicle = {
		'adres.street': 'Veldstraat',
		'adres.number': '10',
		'adres.box': '',
		'adres.postcode': '9000',
		'adres.municipality': 'Gent',
		nummerplaat: '1-ABC-234',
		merkModel: '',
		eigendom: 'eigen'
	};

	// A saved page with one stored file, then a tampered post that changes the plate.
	test.beforeEach(async ({ page }) => {
		await startDraft(page, 'bewonerskaart', 'adres-voertuig');
		const saved = await post(page, path, {
			...vehicle,
			inschrijvingsbewijs: file('inschrijving.pdf', pdf, 'application/pdf')
		});
		expect(saved.status()).toBe(303);
		expect(saved.headers().location).toBe('/p/bewonerskaart/aanvragen/kaart');
	});

	async function expectUnchanged(page: Page, refusedFile: RegExp) {
		await visit(page, path);
		await expect(page.getByLabel('Nummerplaat')).toHaveValue(/^1-?ABC-?234$/);
		await expect(page.getByRole('checkbox', { name: /^inschrijving\.pdf/ })).toBeChecked();
		await expect(page.getByRole('checkbox', { name: refusedFile })).toHaveCount(0);
	}

	test('a file over the field’s size limit is refused with the size message', async ({ page }) => {
		const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
		big.write('%PDF-1.7\n');
		const response = await post(page, path, {
			...vehicle,
			nummerplaat: '2-XYZ-999',
			inschrijvingsbewijs: file('groot.pdf', big, 'application/pdf')
		});
		await expectRefused(
			response,
			400,
			'‘groot.pdf’ is groter dan 10 MB (‘Inschrijvingsbewijs van het voertuig’).'
		);
		await expectUnchanged(page, /groot\.pdf/);
	});

	test('a request over the body size limit gets a clear message, not an empty form', async ({
		page
	}) => {
		const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
		huge.write('%PDF-1.7\n');
		const response = await post(page, path, {
			...vehicle,
			nummerplaat: '2-XYZ-999',
			inschrijvingsbewijs: file('scan.pdf', huge, 'application/pdf')
		});
		await expectRefused(
			response,
			413,
			"Uw bestanden zijn samen te groot om te versturen. Voeg minder of kleinere bestanden toe (foto's kunt u verkleinen)."
		);
		// The page itself comes back with what the draft holds, so the citizen can try again with
		// smaller files without typing everything again or losing the file already stored.
		const html = await response.text();
		expect(visibleText(html)).toContain('Verder');
		expect(inputTag(html, 'adres.street')).toContain('value="Veldstraat"');
		expect(inputTag(html, 'nummerplaat')).toMatch(/value="1-?ABC-?234"/);
		expect(inputTag(html, 'inschrijvingsbewijs.keep')).toMatch(/\schecked/);
		await expectUnchanged(page, /scan\.pdf/);
	});

	test('a file whose bytes are not what its name and type claim is refused', async ({ page }) => {
		const exe = Buffer.concat([
			Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00]),
			Buffer.alloc(500, 0)
		]);
		const response = await post(page, path, {
			...vehicle,
			nummerplaat: '2-XYZ-999',
			inschrijvingsbewijs: file('factuur.pdf', exe, 'application/pdf')
		});
		await expectRefused(
			response,
			400,
			'‘factuur.pdf’ is geen toegelaten bestand: kies PDF, JPG, PNG (‘Inschrijvingsbewijs van het voertuig’).'
		);
		await expectUnchanged(page, /factuur\.pdf/);
	});
});

const applicant = {
	voornaam: 'An',
	familienaam: 'Peeters',
	email: 'an.peeters@example.be',
	telefoon: '0470 11 22 33',
	rijksregisternummer: '85.07.30-033.28',
	hoedanigheid: 'eigenaar'
};

test('a wrong national number is refused with the national-number message, and nothing is stored', async ({
	page
}) => {
	const path = '/p/premie-hemelwaterput/aanvragen/aanvrager';
	await startDraft(page, 'premie-hemelwaterput', 'aanvrager');
	expect((await post(page, path, applicant)).status()).toBe(303);

	const response = await post(page, path, {
		...applicant,
		voornaam: 'Mallory',
		rijksregisternummer: '85.07.30-033.29'
	});
	await expectRefused(
		response,
		400,
		'Dit rijksregisternummer klopt niet. Kijk het na op uw identiteitskaart (‘Rijksregisternummer’).'
	);
	// What was typed comes back in the form, to be corrected.
	expect(inputTag(await response.text(), 'rijksregisternummer')).toContain(
		'value="85.07.30-033.29"'
	);

	await visit(page, path);
	await expect(page.getByLabel('Voornaam')).toHaveValue('An');
	await expect(page.getByLabel('Rijksregisternummer')).toHaveValue(/^85\.?07\.?30-?033\.?28$/);
});

test('a later page opened or posted by editing the URL leads back to the first incomplete page', async ({
	page
}) => {
	const apply = '/p/premie-hemelwaterput/aanvragen';
	await startDraft(page, 'premie-hemelwaterput', 'aanvrager');
	await visit(page, `${apply}/kosten`);
	await expect(page).toHaveURL(`${apply}/aanvrager`);
	await expect(page.getByRole('heading', { level: 1, name: 'Aanvrager' })).toBeVisible();
	await visit(page, `${apply}/controle`);
	await expect(page).toHaveURL(`${apply}/aanvrager`);

	expect((await post(page, `${apply}/aanvrager`, applicant)).status()).toBe(303);
	await visit(page, `${apply}/bevestigen`);
	await expect(page).toHaveURL(`${apply}/werken`);
	await expect(page.getByRole('heading', { level: 1, name: 'De werken' })).toBeVisible();

	// Posting a later page is sent back the same way, and stores nothing.
	const skipped = await post(page, `${apply}/bevestigen`, {
		akkoordPlaatsbezoek: 'on',
		reglementGelezen: 'on',
		verklaringOpEer: 'on'
	});
	expect(skipped.status()).toBe(303);
	expect(skipped.headers().location).toBe(`${apply}/werken`);
	await visit(page, `${apply}/bevestigen`);
	await expect(page).toHaveURL(`${apply}/werken`);
});

test('a double submit files one dossier; a submit with a wrong submission id is refused', async ({
	page
}) => {
	const apply = '/p/melding-openbaar-domein/aanvragen';
	await startDraft(page, 'melding-openbaar-domein', 'probleem');
	const pages: [string, Record<string, string>][] = [
		['probleem', { categorie: 'zwerfvuil', omschrijving: 'Volle vuilbak aan de speeltuin.' }],
		[
			'locatie',
			{
				'locatieAdres.street': 'Parkstraat',
				'locatieAdres.number': '2',
				'locatieAdres.box': '',
				'locatieAdres.postcode': '8000',
				'locatieAdres.municipality': 'Brugge'
			}
		],
		['contact', { terugkoppeling: 'nee' }]
	];
	for (const [pageId, fields] of pages) {
		const response = await post(page, `${apply}/${pageId}`, fields);
		expect(response.status(), pageId).toBe(303);
	}
	await visit(page, `${apply}/controle`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Controleer uw antwoorden' })
	).toBeVisible();
	const submissionId = await page.locator('input[name="submissionId"]').inputValue();
	expect(submissionId).not.toBe('');

	const stale = await post(page, `${apply}/controle?/submit`, {
		submissionId: 'een-oud-formulier'
	});
	expect(stale.status()).toBe(409);
	// Nothing was filed: there is no receipt yet and the check page is still there.
	await visit(page, `${apply}/ontvangen`);
	await expect(page).toHaveURL('/p/melding-openbaar-domein');
	await visit(page, `${apply}/controle`);
	await expect(page).toHaveURL(`${apply}/controle`);

	const [first, second] = await Promise.all([
		post(page, `${apply}/controle?/submit`, { submissionId }),
		post(page, `${apply}/controle?/submit`, { submissionId })
	]);
	for (const response of [first, second]) {
		expect(response.status()).toBe(303);
		expect(response.headers().location).toBe(`${apply}/ontvangen`);
	}
	await visit(page, `${apply}/ontvangen`);
	const reference = await page
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();
	expect(reference).toMatch(/^\d{4}-\d{6}$/);

	// A late retry (a reload of the POST) still lands on the same receipt.
	const retry = await post(page, `${apply}/controle?/submit`, { submissionId });
	expect(retry.status()).toBe(303);
	expect(retry.headers().location).toBe(`${apply}/ontvangen`);
	await visit(page, `${apply}/controle`);
	await expect(page).toHaveURL(`${apply}/ontvangen`);
	await expect(
		page.getByRole('paragraph').filter({ hasText: 'Uw referentie' }).getByRole('strong')
	).toHaveText(reference);
});
