// What a citizen answered stays answered (issue 24, items 1, 2 and 7): going back to a page with
// an uploaded file keeps the file ticked, a choice made before the page's JavaScript has loaded
// survives the page coming to life, and without JavaScript a question that an answer brings up is
// shown as a new question, not as a mistake.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { errorSummary, expectStep, fillAddress, pressContinue, upload } from './filing-helpers';

test.describe.configure({ timeout: 120_000 });

const bewonerskaart = '/p/bewonerskaart/aanvragen';
const premie = '/p/premie-hemelwaterput/aanvragen';
const melding = '/p/melding-openbaar-domein/aanvragen';

/**
 * The form page once the device has put back what it kept (or found nothing to put back). With
 * `slowScripts` the app's JavaScript arrives in three waves of 1.5 s each (the entry, the nodes it
 * hydrates, the device store they import), so 5 s was too short on a busy machine (a CI failure).
 */
const deviceReady = (page: Page) =>
	expect(page.locator('[data-device="ready"]')).toHaveCount(1, { timeout: 15_000 });

/** A phone on a slow connection: the app's JavaScript arrives 1.5 s after the page. */
async function slowScripts(page: Page) {
	await page.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		await route.continue();
	});
}

test('1: back to a page with an uploaded file, the file is still ticked and Next goes on', async ({
	page
}) => {
	await page.goto(bewonerskaart);
	await expectStep(page, `${bewonerskaart}/adres-voertuig`, 'Adres en voertuig');
	await deviceReady(page);
	await fillAddress(page, 'Uw adres in de bewonerszone', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel('Nummerplaat').fill('1abc123');
	await page.getByRole('radio', { name: /op mijn naam/ }).check();
	await page.getByLabel('Inschrijvingsbewijs van het voertuig').setInputFiles(upload('kaart.pdf'));
	await pressContinue(page);
	await expectStep(page, `${bewonerskaart}/kaart`, 'Welke kaart?');

	await page.goBack();
	await expectStep(page, `${bewonerskaart}/adres-voertuig`, 'Adres en voertuig');
	await deviceReady(page);
	const keep = page.getByRole('checkbox', { name: /kaart\.pdf/ });
	await expect(keep).toBeChecked();
	await expectAccessible(page);
	await pressContinue(page);
	await expectStep(page, `${bewonerskaart}/kaart`, 'Welke kaart?');
});

test('1: back to the costs page of the rainwater grant, both files are still ticked', async ({
	page
}) => {
	await page.goto(premie);
	await expectStep(page, `${premie}/aanvrager`, 'Aanvrager');
	await page.getByLabel('Voornaam').fill('Sofie');
	await page.getByLabel('Familienaam').fill('Claes');
	await page.getByLabel('E-mailadres').fill('sofie.claes@example.be');
	await page.getByLabel('Telefoonnummer').fill('0470123456');
	await page.getByLabel('Rijksregisternummer').fill('85073003328');
	await page.getByRole('radio', { name: 'Eigenaar' }).check();
	await pressContinue(page);
	await expectStep(page, `${premie}/werken`, 'De werken');
	await fillAddress(page, 'Adres waar de werken zijn uitgevoerd', {
		street: 'Molenstraat',
		number: '3',
		postcode: '2800',
		municipality: 'Mechelen'
	});
	await page
		.getByRole('group', { name: /nieuwbouw of een herbouw/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByRole('checkbox', { name: 'Infiltratievoorziening' }).check();
	await page.getByLabel('Buffervolume van de infiltratievoorziening').fill('2000');
	await page.getByLabel('Aangesloten dakoppervlakte').fill('80');
	await page.getByLabel("Foto's van de werken").setInputFiles(upload('werken.jpg'));
	await pressContinue(page);
	await expectStep(page, `${premie}/kosten`, 'Facturen en betaling');
	await page.getByLabel('Datum van de (laatste) factuur').fill('2026-10-01');
	await page.getByLabel('Totaalbedrag van de facturen, btw inbegrepen').fill('1200');
	await page.getByLabel('Facturen', { exact: true }).setInputFiles(upload('factuur.pdf'));
	await page.getByLabel('Betalingsbewijzen').setInputFiles(upload('betaling.pdf'));
	await page.getByLabel('Rekeningnummer (IBAN)').fill('BE68539007547034');
	await page.getByLabel('Naam van de rekeninghouder').fill('Sofie Claes');
	await pressContinue(page);
	await expectStep(page, `${premie}/bevestigen`, 'Bevestigen');

	await page.goBack();
	await expectStep(page, `${premie}/kosten`, 'Facturen en betaling');
	await deviceReady(page);
	await expect(page.getByRole('checkbox', { name: /factuur\.pdf/ })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: /betaling\.pdf/ })).toBeChecked();
	await pressContinue(page);
	await expectStep(page, `${premie}/bevestigen`, 'Bevestigen');
});

test('1: an answer emptied on the way back stays empty after a reload', async ({ page }) => {
	await page.goto(melding);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await page.getByLabel('Soort probleem').selectOption({ label: 'Straatverlichting' });
	await page.getByLabel('Nummer op de verlichtingspaal').fill('L-1234');
	await page.getByLabel('Beschrijf het probleem').fill('De lamp brandt niet.');
	await pressContinue(page);
	await expectStep(page, `${melding}/locatie`, 'Waar is het?');

	await page.goBack();
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await deviceReady(page);
	const pole = page.getByLabel('Nummer op de verlichtingspaal');
	await expect(pole).toHaveValue('L-1234');
	await pole.fill('');
	await page.getByLabel('Beschrijf het probleem').fill('De lamp brandt niet meer.');
	await page.reload();
	await deviceReady(page);
	await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue('De lamp brandt niet meer.');
	await expect(pole).toHaveValue('');
	await pressContinue(page);
	await expectStep(page, `${melding}/locatie`, 'Waar is het?');
	await page.goBack();
	await deviceReady(page);
	await expect(pole).toHaveValue('');
});

test('2: a choice made before the page has loaded its JavaScript is kept on a form page', async ({
	page
}) => {
	await slowScripts(page);
	await page.goto(melding, { waitUntil: 'domcontentloaded' });
	await expect(page.getByRole('heading', { level: 1, name: 'Wat is het probleem?' })).toBeVisible();
	const kind = page.getByLabel('Soort probleem');
	await kind.selectOption({ label: 'Graffiti of wildplakken' });
	await page.getByLabel('Beschrijf het probleem').fill('Graffiti op de schoolmuur.');
	await deviceReady(page);
	await expect(kind).toHaveValue('graffiti');
	await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue('Graffiti op de schoolmuur.');
	await pressContinue(page);
	await expectStep(page, `${melding}/locatie`, 'Waar is het?');

	// A radio button too.
	await page.goto('/p/klacht/aanvragen', { waitUntil: 'domcontentloaded' });
	const onBehalf = page.getByRole('group', { name: /namens iemand anders/ });
	await onBehalf.getByRole('radio', { name: 'Nee' }).check();
	await deviceReady(page);
	await expect(onBehalf.getByRole('radio', { name: 'Nee' })).toBeChecked();
	await expectAccessible(page);
});

test('2: the catalogue keeps "Voor wie?" chosen before its JavaScript loaded, and filters by it', async ({
	page
}) => {
	await slowScripts(page);
	await page.goto('/', { waitUntil: 'domcontentloaded' });
	const audience = page.getByRole('group', { name: 'Voor wie?' });
	await audience.getByRole('radio', { name: 'Ondernemingen' }).check();
	// Once the page runs, the address follows the filter: it must be the choice made.
	await expect(page).toHaveURL(/\?voor=onderneming$/);
	await expect(audience.getByRole('radio', { name: 'Ondernemingen' })).toBeChecked();
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('7: a question brought up by an answer is a new question, not an error, and the answers stay', async ({
		page
	}) => {
		await page.goto(melding);
		await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
		await page.getByLabel('Soort probleem', { exact: true }).selectOption({ label: 'Iets anders' });
		await page.getByLabel('Beschrijf het probleem').fill('Een losliggende tegel.');
		await pressContinue(page);

		await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
		await expect(page.getByRole('status')).toHaveText(
			'Er is een vraag bijgekomen. Vul ze in en ga verder.'
		);
		await expect(errorSummary(page)).toHaveCount(0);
		const added = page.getByLabel('Welk soort probleem?');
		await expect(added).toBeVisible();
		await expect(added).not.toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('Soort probleem', { exact: true })).toHaveValue('andere');
		await expect(page.getByLabel('Beschrijf het probleem')).toHaveValue('Een losliggende tegel.');
		// (axe runs in the page's own JavaScript, so a page without it is not checked here.)

		// Left empty again, it is a missing answer like any other.
		await pressContinue(page);
		await expect(errorSummary(page)).toBeVisible();
		await added.fill('Losse tegel');
		await pressContinue(page);
		await expectStep(page, `${melding}/locatie`, 'Waar is het?');
	});
});
