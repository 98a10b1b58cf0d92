// A citizen on a phone files library processes from the first page to the receipt: error
// messages that point at the fields, fields that appear as they answer, uploads, identifiers typed
// the way people type them, changing an answer from the check page, the PDF receipt and the
// private tracking page. The same walk works as plain POSTs when the browser runs no JavaScript.
import { devices, expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import {
	answerTo,
	daysFromToday,
	errorSummary,
	expectAnswers,
	expectStep,
	fillAddress,
	longDate,
	pressContinue,
	readReceipt,
	upload
} from './filing-helpers';

test.use({ ...devices['Pixel 7'] });
test.describe.configure({ timeout: 120_000 });

const melding = '/p/melding-openbaar-domein/aanvragen';

test('a citizen reports a pothole: errors that lead to the fields, an e-mail field that follows the answer, a photo, a change from the check page, the receipt and the tracking page @smoke', async ({
	page
}) => {
	await page.goto(melding);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await expect(page.getByRole('paragraph').filter({ hasText: 'Stap 1 van 3' })).toBeVisible();
	await expectAccessible(page);

	// Verder on an empty page: a summary that takes the focus and links to each field, and the
	// same message next to the field.
	await pressContinue(page);
	const summary = errorSummary(page);
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		'Kies een antwoord bij ‘Soort probleem’.',
		'Vul ‘Beschrijf het probleem’ in.'
	]);
	await expect(page).toHaveURL(`${melding}/probleem`);
	const category = page.getByLabel('Soort probleem');
	const description = page.getByLabel('Beschrijf het probleem');
	await expect(category).toHaveAttribute('aria-invalid', 'true');
	await expect(category).toHaveAccessibleDescription(
		/Fout: Kies een antwoord bij ‘Soort probleem’\.$/
	);
	await expect(description).toHaveAttribute('aria-invalid', 'true');
	await expect(description).toHaveAccessibleDescription(
		/^Zo precies mogelijk.*Fout: Vul ‘Beschrijf het probleem’ in\.$/
	);
	await expectAccessible(page);
	await summary.getByRole('link', { name: 'Vul ‘Beschrijf het probleem’ in.' }).click();
	await expect(description).toBeFocused();
	await summary.getByRole('link', { name: 'Kies een antwoord bij ‘Soort probleem’.' }).click();
	await expect(category).toBeFocused();

	await category.selectOption({ label: 'Put of schade in de weg' });
	await description.fill('Diepe put in het fietspad, ongeveer 30 cm breed.');
	await pressContinue(page);

	await expectStep(page, `${melding}/locatie`, 'Waar is het?');
	await expectAccessible(page);
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page
		.getByLabel('Meer uitleg over de plaats')
		.fill('Voor de bakkerij, aan de kant van de kerk.');
	await page.getByLabel("Foto's").setInputFiles(upload('put.png'));
	await pressContinue(page);

	// The e-mail field is there only for who wants to hear back, and follows the answer live.
	await expectStep(page, `${melding}/contact`, 'Uw gegevens (niet verplicht)');
	await expectAccessible(page);
	const feedback = page.getByRole('group', {
		name: 'Wilt u een bericht als uw melding behandeld is?'
	});
	const email = page.getByLabel('E-mailadres');
	await expect(email).toHaveCount(0);
	await feedback.getByRole('radio', { name: 'Ja' }).check();
	await expect(email).toBeVisible();
	await expectAccessible(page);
	await feedback.getByRole('radio', { name: 'Nee' }).check();
	await expect(email).toHaveCount(0);
	await feedback.getByRole('radio', { name: 'Ja' }).check();
	await page.getByLabel('Naam').fill('Els Peeters');
	await email.fill('els.peeters@example.be');
	await pressContinue(page);

	await expectStep(page, `${melding}/controle`, 'Controleer uw antwoorden');
	await expectAnswers(page, {
		'Soort probleem': 'Put of schade in de weg',
		'Beschrijf het probleem': 'Diepe put in het fietspad, ongeveer 30 cm breed.',
		Adres: 'Kerkstraat 12 9000 Gent',
		'Meer uitleg over de plaats': 'Voor de bakkerij, aan de kant van de kerk.',
		"Foto's": 'put.png (1 kB)',
		Naam: 'Els Peeters',
		Telefoonnummer: 'Niet ingevuld',
		'Wilt u een bericht als uw melding behandeld is?': 'Ja',
		'E-mailadres': 'els.peeters@example.be'
	});
	await expectAccessible(page);

	// Change one answer from the check page and come straight back to it.
	await page.getByRole('link', { name: 'Wijzigen Beschrijf het probleem' }).click();
	await expectStep(page, `${melding}/probleem?terug=controle`, 'Wat is het probleem?');
	await expect(description).toHaveValue('Diepe put in het fietspad, ongeveer 30 cm breed.');
	await expect(category).toHaveValue('wegdek');
	await expectAccessible(page);
	await description.fill('Diepe put in het fietspad, ongeveer 40 cm breed en 10 cm diep.');
	await pressContinue(page);
	await expectStep(page, `${melding}/controle`, 'Controleer uw antwoorden');
	await expect(answerTo(page, 'Beschrijf het probleem')).toHaveText(
		'Diepe put in het fietspad, ongeveer 40 cm breed en 10 cm diep.'
	);
	await expect(answerTo(page, "Foto's")).toHaveText('put.png (1 kB)');

	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	// A report (melding) is called one on its receipt: sent, and dealt with rather than decided.
	const reference = await readReceipt(page, { days: 10, unit: 'working' }, 'report');
	const main = page.getByRole('main');
	await expect(main).toContainText('We stuurden een bevestiging naar els.peeters@example.be.');
	await expect(main).toContainText('Melding ontvangen: We hebben uw melding ontvangen.');
	await expectAccessible(page);

	const pdfLink = page.getByRole('link', { name: 'Ontvangstbewijs downloaden (PDF)' });
	const receipt = await page.request.get((await pdfLink.getAttribute('href')) ?? '-');
	expect(receipt.status()).toBe(200);
	expect(receipt.headers()['content-type']).toBe('application/pdf');
	expect(receipt.headers()['content-disposition']).toContain(`ontvangstbewijs-${reference}.pdf`);
	expect((await receipt.body()).subarray(0, 5).toString()).toBe('%PDF-');

	await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).click();
	await expect(page).toHaveURL(/\/volg\/[\w-]+$/);
	await expect(page.getByRole('heading', { level: 1, name: `Melding ${reference}` })).toBeVisible();
	await expect(answerTo(page, 'Referentie')).toHaveText(reference);
	await expect(answerTo(page, 'Stand')).toHaveText('Melding ontvangen');
	// The tracking link is the guest's way in: the answers and the photo are there too.
	await expect(page.getByRole('link', { name: 'put.png (1 kB)' })).toBeVisible();
	await expectAccessible(page);
});

test('a café owner applies for a terrace: a KBO number with dots and spaces, a start date far enough ahead and uploads in two fields', async ({
	page
}) => {
	const terras = '/p/terrasvergunning/aanvragen';
	const start = daysFromToday(60);
	await page.goto(terras);
	await expectStep(page, `${terras}/zaak`, 'Uw zaak');
	await expectAccessible(page);
	await page
		.getByRole('group', { name: 'Wat vraagt u aan?' })
		.getByRole('radio', { name: 'Een nieuw terras' })
		.check();
	await page.getByLabel('Ondernemingsnummer (KBO)').fill(' 0403.019 261 ');
	await page.getByLabel('Naam van de zaak').fill('Café De Kroon');
	await fillAddress(page, 'Adres van de zaak', {
		street: 'Vrijdagmarkt',
		number: '7',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel('Voornaam').fill('Karim');
	await page.getByLabel('Achternaam').fill('El Amrani');
	await page.getByLabel('E-mailadres').fill('karim@dekroon.be');
	await page.getByLabel('Telefoonnummer').fill('0470 12 34 56');
	await pressContinue(page);

	await expectStep(page, `${terras}/terras`, 'Het terras');
	await expectAccessible(page);
	await page
		.getByRole('group', { name: 'Voor welke periode?' })
		.getByRole('radio', { name: 'Zomerseizoen' })
		.check();
	await page.getByLabel('Vanaf wanneer wilt u het terras plaatsen?').fill(start);
	const passage = page.getByLabel('Vrije doorgang voor voetgangers');
	await expect(passage).toHaveCount(0);
	await page.getByRole('radio', { name: 'Op het voetpad voor de zaak' }).check();
	await passage.fill('2,5');
	await page.getByLabel('Oppervlakte van het terras').fill('12,5');
	const furniture = page.getByRole('group', { name: 'Wat plaatst u op het terras?' });
	await furniture.getByRole('checkbox', { name: 'Tafels en stoelen' }).check();
	await furniture.getByRole('checkbox', { name: 'Parasols' }).check();
	await page
		.getByRole('group', { name: 'Plaatst u windschermen?' })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await expectAccessible(page);
	await pressContinue(page);

	await expectStep(page, `${terras}/plan-bevestiging`, 'Plan en bevestiging');
	await expectAccessible(page);
	await page.getByLabel('Plan of schets van het terras').setInputFiles(upload('plan-terras.pdf'));
	await page
		.getByLabel("Foto's van de plaats of van het meubilair")
		.setInputFiles([upload('gevel.png'), upload('terras.jpg')]);
	await page.getByRole('checkbox', { name: /^Ik verklaar op eer/ }).check();
	await page.getByRole('checkbox', { name: /^Ik ga akkoord/ }).check();
	await pressContinue(page);

	await expectStep(page, `${terras}/controle`, 'Controleer uw antwoorden');
	await expectAnswers(page, {
		'Wat vraagt u aan?': 'Een nieuw terras',
		'Ondernemingsnummer (KBO)': '0403.019.261',
		'Naam van de zaak': 'Café De Kroon',
		'Adres van de zaak': 'Vrijdagmarkt 7 9000 Gent',
		'Vanaf wanneer wilt u het terras plaatsen?': longDate(start),
		'Waar komt het terras?': 'Op het voetpad voor de zaak',
		'Oppervlakte van het terras': '12,5 m²',
		'Vrije doorgang voor voetgangers': '2,5 m',
		'Wat plaatst u op het terras?': 'Tafels en stoelen Parasols',
		'Plaatst u windschermen?': 'Nee',
		'Plan of schets van het terras': 'plan-terras.pdf (1 kB)',
		"Foto's van de plaats of van het meubilair": 'gevel.png (1 kB) terras.jpg (1 kB)'
	});
	// Sixty days ahead passes the four-week lead time: no warning.
	await expect(page.getByRole('note')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	await readReceipt(page, { days: 30, unit: 'calendar' });
	await expect(page.getByRole('main')).toContainText(
		'We stuurden een bevestiging naar karim@dekroon.be.'
	);
	await expectAccessible(page);
});

test('a home owner claims the rainwater grant: a wrong national number and IBAN are explained and kept, the right ones are shown formatted', async ({
	page
}) => {
	const premie = '/p/premie-hemelwaterput/aanvragen';
	await page.goto(premie);
	await expectStep(page, `${premie}/aanvrager`, 'Aanvrager');
	await expectAccessible(page);
	await page.getByLabel('Voornaam').fill('Sofie');
	await page.getByLabel('Familienaam').fill('Claes');
	await page.getByLabel('E-mailadres').fill('sofie.claes@example.be');
	await page.getByLabel('Telefoonnummer').fill('09 123 45 67');
	const nationalNumber = page.getByLabel('Rijksregisternummer');
	await nationalNumber.fill('85.07.30-033.29');
	await page.getByRole('radio', { name: 'Eigenaar' }).check();
	await pressContinue(page);

	const wrongNumber =
		'Dit rijksregisternummer klopt niet. Kijk het na op uw identiteitskaart (‘Rijksregisternummer’).';
	await expect(errorSummary(page).getByRole('link')).toHaveText([wrongNumber]);
	await expect(nationalNumber).toHaveAccessibleDescription(
		`U vindt dit nummer op de achterkant van uw identiteitskaart. Fout: ${wrongNumber}`
	);
	await expect(nationalNumber).toHaveAttribute('aria-invalid', 'true');
	await expect(nationalNumber).toHaveValue('85.07.30-033.29');
	await expect(page.getByLabel('Voornaam')).toHaveValue('Sofie');
	await expectAccessible(page);
	await nationalNumber.fill('85.07.30-033.28');
	await pressContinue(page);

	await expectStep(page, `${premie}/werken`, 'De werken');
	await expectAccessible(page);
	await fillAddress(page, 'Adres waar de werken zijn uitgevoerd', {
		street: 'Molenstraat',
		number: '45',
		postcode: '2800',
		municipality: 'Mechelen'
	});
	await page
		.getByRole('group', { name: 'Gaat het om een nieuwbouw of een herbouw?' })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByRole('checkbox', { name: 'Hemelwaterput', exact: true }).check();
	await page.getByLabel('Inhoud van de hemelwaterput').fill('5000');
	const outlets = page.getByRole('group', { name: 'Wat is op de hemelwaterput aangesloten?' });
	await outlets.getByRole('checkbox', { name: 'Toilet' }).check();
	await outlets.getByRole('checkbox', { name: 'Wasmachine' }).check();
	await page.getByLabel('Aangesloten dakoppervlakte').fill('85');
	await page.getByLabel("Foto's van de werken").setInputFiles(upload('put-open.jpg'));
	await expectAccessible(page);
	await pressContinue(page);

	await expectStep(page, `${premie}/kosten`, 'Facturen en betaling');
	await expectAccessible(page);
	const invoiceDate = daysFromToday(-20);
	await page.getByLabel('Datum van de (laatste) factuur').fill(invoiceDate);
	await page.getByLabel('Totaalbedrag van de facturen, btw inbegrepen').fill('4.250');
	await page.getByLabel('Facturen', { exact: true }).setInputFiles(upload('factuur.pdf'));
	await page.getByLabel('Betalingsbewijzen').setInputFiles(upload('betaling.pdf'));
	const iban = page.getByLabel('Rekeningnummer (IBAN)');
	await iban.fill('BE41 0918 1173 5141');
	await page.getByLabel('Naam van de rekeninghouder').fill('Sofie Claes');
	await pressContinue(page);

	const wrongIban =
		'Vul bij ‘Rekeningnummer (IBAN)’ een geldig IBAN-rekeningnummer in, zoals BE68 5390 0754 7034.';
	await expect(errorSummary(page).getByRole('link')).toHaveText([wrongIban]);
	await expect(iban).toHaveAccessibleDescription(
		`We storten de premie op deze rekening. Fout: ${wrongIban}`
	);
	await expect(iban).toHaveValue('BE41 0918 1173 5141');
	await expectAccessible(page);
	await iban.fill('BE68 5390 0754 7034');
	await pressContinue(page);

	await expectStep(page, `${premie}/bevestigen`, 'Bevestigen');
	await expectAccessible(page);
	await page.getByRole('checkbox', { name: /plaatsbezoek/ }).check();
	await page.getByRole('checkbox', { name: /subsidiereglement gelezen/ }).check();
	await page.getByRole('checkbox', { name: /^Ik verklaar op eer/ }).check();
	await pressContinue(page);

	await expectStep(page, `${premie}/controle`, 'Controleer uw antwoorden');
	await expectAnswers(page, {
		Rijksregisternummer: '85.07.30-033.28',
		'Rekeningnummer (IBAN)': 'BE68 5390 0754 7034',
		'Bent u eigenaar of huurder van de woning?': 'Eigenaar',
		'Welke werken hebt u uitgevoerd?': 'Hemelwaterput',
		'Inhoud van de hemelwaterput': '5.000 liter',
		'Wat is op de hemelwaterput aangesloten?': 'Toilet Wasmachine',
		'Datum van de (laatste) factuur': longDate(invoiceDate),
		'Totaalbedrag van de facturen, btw inbegrepen': '4.250 €',
		Facturen: 'factuur.pdf (1 kB)',
		Betalingsbewijzen: 'betaling.pdf (1 kB)',
		"Foto's van de werken": 'put-open.jpg (1 kB)'
	});
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	await readReceipt(page, { days: 60, unit: 'calendar' });
	await expectAccessible(page);
});

test('without JavaScript every step is a real POST: errors keep what was typed, the photo is uploaded and the receipt has a reference @smoke', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, ...devices['Pixel 7'] });
	const page = await context.newPage();
	const posts: string[] = [];
	page.on('request', (request) => {
		if (request.isNavigationRequest() && request.method() === 'POST')
			posts.push(new URL(request.url()).pathname);
	});

	await page.goto(melding);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	const description = page.getByLabel('Beschrijf het probleem');
	await description.fill('Graffiti op de zijgevel van de sporthal.');
	await pressContinue(page);
	await expectStep(page, `${melding}/probleem`, 'Wat is het probleem?');
	await expect(errorSummary(page).getByRole('link')).toHaveText([
		'Kies een antwoord bij ‘Soort probleem’.'
	]);
	await expect(page.getByLabel('Soort probleem')).toHaveAccessibleDescription(
		/Kies een antwoord bij ‘Soort probleem’\.$/
	);
	await expect(description).toHaveValue('Graffiti op de zijgevel van de sporthal.');
	await page.getByLabel('Soort probleem').selectOption({ label: 'Graffiti of wildplakken' });
	await pressContinue(page);

	await expectStep(page, `${melding}/locatie`, 'Waar is het?');
	await fillAddress(page, 'Adres', {
		street: 'Sportlaan',
		number: '1',
		postcode: '3000',
		municipality: 'Leuven'
	});
	await page.getByLabel("Foto's").setInputFiles(upload('graffiti.jpg'));
	await pressContinue(page);

	// Without scripts the e-mail field cannot appear as one answers: the server asks for it, as a
	// new question rather than as a mistake.
	await expectStep(page, `${melding}/contact`, 'Uw gegevens (niet verplicht)');
	await page.getByLabel('Naam').fill('Tom Wouters');
	await page.getByRole('radio', { name: 'Ja' }).check();
	await pressContinue(page);
	await expectStep(page, `${melding}/contact`, 'Uw gegevens (niet verplicht)');
	await expect(page.getByRole('status')).toHaveText(
		'Er is een vraag bijgekomen. Vul ze in en ga verder.'
	);
	await expect(errorSummary(page)).toHaveCount(0);
	await expect(page.getByLabel('Naam')).toHaveValue('Tom Wouters');
	await expect(page.getByRole('radio', { name: 'Ja' })).toBeChecked();
	await page.getByLabel('E-mailadres').fill('tom.wouters@example.be');
	await pressContinue(page);

	await expectStep(page, `${melding}/controle`, 'Controleer uw antwoorden');
	await expectAnswers(page, {
		'Soort probleem': 'Graffiti of wildplakken',
		'Beschrijf het probleem': 'Graffiti op de zijgevel van de sporthal.',
		Adres: 'Sportlaan 1 3000 Leuven',
		"Foto's": 'graffiti.jpg (1 kB)',
		'E-mailadres': 'tom.wouters@example.be'
	});
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	await readReceipt(page, { days: 10, unit: 'working' }, 'report');

	expect(posts).toEqual([
		`${melding}/probleem`,
		`${melding}/probleem`,
		`${melding}/locatie`,
		`${melding}/contact`,
		`${melding}/contact`,
		`${melding}/controle`
	]);
	await context.close();
});

test('typing the correction of one field after a failed Verder stays in that field while other errors remain', async ({
	page
}) => {
	// What this checks is done by the page's scripts: they must have run before Verder is pressed
	// (on a loaded CI machine the post once went out before, and the summary was the server's).
	await page.goto(melding, { waitUntil: 'networkidle' });
	await pressContinue(page);
	const summary = errorSummary(page);
	await expect(summary).toBeFocused();
	// The citizen follows the link to the second error and types: the first keystroke clears that
	// field's error, and the summary (still there for the other field) must not take the focus back.
	await summary.getByRole('link', { name: 'Vul ‘Beschrijf het probleem’ in.' }).click();
	const description = page.getByLabel('Beschrijf het probleem');
	await expect(description).toBeFocused();
	await page.keyboard.type('Lamp brandt niet', { delay: 30 });
	await expect(description).toHaveValue('Lamp brandt niet');
	await expect(description).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText(['Kies een antwoord bij ‘Soort probleem’.']);

	await summary.getByRole('link', { name: 'Kies een antwoord bij ‘Soort probleem’.' }).click();
	const category = page.getByLabel('Soort probleem');
	await category.selectOption({ label: 'Straatverlichting' });
	await expect(category).toBeFocused();
});

test('without JavaScript a missing choice among checkboxes or a missing upload is explained like any other error', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false, ...devices['Pixel 7'] });
	const page = await context.newPage();
	const premie = '/p/premie-hemelwaterput/aanvragen';
	await page.goto(premie);
	await expectStep(page, `${premie}/aanvrager`, 'Aanvrager');
	await page.getByLabel('Voornaam').fill('Sofie');
	await page.getByLabel('Familienaam').fill('Claes');
	await page.getByLabel('E-mailadres').fill('sofie.claes@example.be');
	await page.getByLabel('Telefoonnummer').fill('09 123 45 67');
	await page.getByLabel('Rijksregisternummer').fill('85.07.30-033.28');
	await page.getByRole('radio', { name: 'Eigenaar' }).check();
	await pressContinue(page);

	await expectStep(page, `${premie}/werken`, 'De werken');
	await fillAddress(page, 'Adres waar de werken zijn uitgevoerd', {
		street: 'Molenstraat',
		number: '45',
		postcode: '2800',
		municipality: 'Mechelen'
	});
	await page.getByRole('radio', { name: 'Nee' }).check();
	await page.getByLabel('Aangesloten dakoppervlakte').fill('85');
	await pressContinue(page);

	await expectStep(page, `${premie}/werken`, 'De werken');
	const works = 'Kies minstens 1 antwoord(en) bij ‘Welke werken hebt u uitgevoerd?’.';
	const photos = "Vul ‘Foto's van de werken’ in.";
	await expect(errorSummary(page).getByRole('link')).toHaveText([works, photos]);
	await expect(
		page.getByRole('group', { name: 'Welke werken hebt u uitgevoerd?' })
	).toHaveAccessibleDescription(`Fout: ${works}`);
	await expect(page.getByLabel("Foto's van de werken")).toHaveAccessibleDescription(
		new RegExp(`Fout: ${photos.replace(/[.()]/g, '\\$&')}`)
	);
	await expect(page.getByLabel('Aangesloten dakoppervlakte')).toHaveValue('85');
	await context.close();
});
