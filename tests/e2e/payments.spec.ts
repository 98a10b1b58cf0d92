// A bewonerskaart with a fee: a signed-in citizen files it on a phone and sees what it will cost;
// staff approve it and ask for payment; the citizen's dossier page shows the amount, the account,
// the structured reference and the EPC QR code; an admin imports the bank's CODA statement (made
// here from that reference, as a real file) that pays it, with a line that matches nothing; the
// dossier moves on by itself, and the unmatched line stays listed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { writeCoda } from '../fixtures/coda';
import { expectAccessible } from './axe';
import { waitForMail } from './mail';
import { answerTo, expectStep, fillAddress, pressContinue, upload } from './filing-helpers';
import { e2eUsers, logIn } from './users';

test.describe.configure({ timeout: 300_000 });

const apply = '/p/bewonerskaart/aanvragen';
const step = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

async function newPhone(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

async function fileBewonerskaart(citizen: Page): Promise<string> {
	await citizen.goto(apply);
	await expectStep(citizen, `${apply}/adres-voertuig`, 'Adres en voertuig');
	await fillAddress(citizen, 'Uw adres in de bewonerszone', {
		street: 'Kerkstraat',
		number: '12',
		postcode: '9000',
		municipality: 'Gent'
	});
	await citizen.getByLabel('Nummerplaat').fill('1abc123');
	await citizen.getByRole('radio', { name: /op mijn naam/ }).check();
	await citizen
		.getByLabel('Inschrijvingsbewijs van het voertuig')
		.setInputFiles(upload('kaart.pdf'));
	await pressContinue(citizen);
	await expectStep(citizen, `${apply}/kaart`, 'Welke kaart?');
	await citizen.getByRole('radio', { name: 'Een nieuwe kaart aanvragen' }).check();
	await citizen.getByRole('radio', { name: 'De eerste kaart van ons gezin' }).check();
	await citizen.getByRole('radio', { name: '6 maanden' }).check();
	await citizen.getByLabel('Vanaf wanneer hebt u de kaart nodig?').fill('2027-01-04');
	await pressContinue(citizen);
	await expectStep(citizen, `${apply}/contact-bevestiging`, 'Contactgegevens en bevestiging');
	await citizen.getByLabel('Voornaam').fill('Bert');
	await citizen.getByLabel('Achternaam').fill('Burger');
	await citizen.getByLabel('E-mailadres').fill(e2eUsers.citizen.email);
	await citizen.getByRole('checkbox', { name: /Ik verklaar op eer/ }).check();
	await citizen.getByRole('checkbox', { name: /Ik ga akkoord/ }).check();
	await pressContinue(citizen);

	// The check page says what these answers cost (half a year: € 20) and when it is paid.
	await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Controleer uw antwoorden');
	const fee = citizen.getByRole('region', { name: 'Te betalen' });
	await expect(fee).toContainText(/€\s?20,00/);
	await expect(fee).toContainText('als we uw aanvraag goedkeuren');
	await expectAccessible(citizen);
	await citizen.getByRole('button', { name: /indienen/i }).click();
	await expect(citizen).toHaveURL(/\/aanvragen\/ontvangen$/);
	const reference = await citizen
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();
	// Nothing to pay yet: the fee is due at the decision.
	await expect(citizen.getByRole('region', { name: 'Betalen' })).toHaveCount(0);
	await expectAccessible(citizen);
	return reference;
}

test('a bewonerskaart is approved, paid through a CODA statement and moves on @smoke', async ({
	browser
}) => {
	const citizen = await newPhone(browser);
	await logIn(citizen, 'citizen');
	await citizen.goto('/p/bewonerskaart');
	await expect(citizen.getByRole('main')).toContainText(
		'U betaalt pas nadat we uw aanvraag goedkeuren.'
	);
	await expect(citizen.getByRole('listitem').filter({ hasText: '6 maanden' })).toContainText(
		/€\s?20,00/
	);
	await expectAccessible(citizen);
	const reference = await fileBewonerskaart(citizen);

	// Staff approve it and ask for payment.
	const staff = await newPhone(browser);
	await logIn(staff, 'staff');
	await staff.goto('/backoffice');
	await staff.getByLabel('Zoeken').fill(reference);
	await staff.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await step(staff, 'Goedkeuren en betaling vragen').getByRole('button').click();
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Goedkeuren en betaling vragen.');
	const staffPayment = staff.getByRole('region', { name: 'Betalen' });
	await expect(staffPayment).toContainText('Nog niet betaald');
	await expectAccessible(staff);

	// The citizen's dossier page: amount, account, reference and the QR code.
	await citizen.goto(`/dossiers/${reference}`);
	await expect(answerTo(citizen, 'Stand')).toContainText('Te betalen');
	const payment = citizen.getByRole('region', { name: 'Betalen' });
	await expect(payment).toContainText(/€\s?20,00/);
	await expect(payment).toContainText('BE68 5390 0754 7034');
	await expect(payment).toContainText('GKCCBEBB');
	const ogm = await payment.locator('.reference').innerText();
	expect(ogm).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
	const qr = payment.getByRole('img', {
		name: new RegExp(
			`^QR-code voor een overschrijving van €\\s?20,00 aan .+${ogm.replace(/[+/]/g, '\\$&')}$`
		)
	});
	await expect(qr).toBeVisible();
	await expect(qr.locator('svg')).toHaveCount(1);
	await expectAccessible(citizen);
	// The mail of the approval says the same: a citizen can pay from it alone.
	const mail = await waitForMail(e2eUsers.citizen.email, {
		subject: new RegExp(`^${reference}: `)
	});
	expect(mail.text.replace(/\s+/g, ' ')).toMatch(
		new RegExp(
			`Te betalen: €\\s?20,00\\. Schrijf het bedrag over naar rekening BE68 5390 0754 7034 .* met de gestructureerde mededeling ${ogm.replace(/[+/]/g, '\\$&')}\\.`
		)
	);

	// The bank's statement: this payment, and one nobody can place.
	const unplaced = `Bewonerskaart voor Kerkstraat ${Date.now()}`;
	const dir = mkdtempSync(join(tmpdir(), 'loket-coda-'));
	const file = join(dir, 'uittreksel.cod');
	writeFileSync(
		file,
		writeCoda({
			date: '2026-12-07',
			statementNumber: Number(String(Date.now()).slice(-3)),
			credits: [
				{ amountCents: 2000, reference: ogm.replace(/\D/g, ''), name: 'BURGER BERT' },
				{ amountCents: 3500, communication: unplaced, name: 'ONBEKENDE BETALER' }
			]
		}),
		'latin1'
	);

	const admin = await newPhone(browser);
	await logIn(admin, 'admin');
	await admin.goto('/backoffice');
	await admin.getByRole('link', { name: 'Betalingen' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Betalingen');
	await expectAccessible(admin);
	// Without a file: the message at the field and in the summary.
	await admin.getByRole('button', { name: 'Importeren' }).click();
	await expect(admin.getByRole('alert')).toContainText('Kies een CODA-bestand.');
	await expectAccessible(admin);
	await admin.getByLabel('CODA-bestand').setInputFiles(file);
	await admin.getByRole('button', { name: 'Importeren' }).click();
	await expect(admin.getByRole('status')).toHaveText(
		'2 ontvangsten gelezen: 1 gekoppeld aan een dossier, 1 niet gekoppeld, 0 al eerder geïmporteerd.'
	);
	const linked = admin.getByRole('table', { name: 'Gekoppelde ontvangsten van deze import' });
	await expect(linked.getByRole('row', { name: new RegExp(reference) })).toContainText('Betaald');
	await expect(linked.getByRole('row', { name: new RegExp(reference) })).toContainText('Ja');
	const unmatched = admin.getByRole('region', { name: 'Niet gekoppelde ontvangsten' });
	await expect(unmatched.getByRole('row').filter({ hasText: unplaced })).toContainText(/€\s?35,00/);
	await expectAccessible(admin);

	// The same file again records nothing twice; the unmatched line stays listed.
	await admin.getByLabel('CODA-bestand').setInputFiles(file);
	await admin.getByRole('button', { name: 'Importeren' }).click();
	await expect(admin.getByRole('status')).toHaveText(
		'2 ontvangsten gelezen: 0 gekoppeld aan een dossier, 0 niet gekoppeld, 2 al eerder geïmporteerd.'
	);
	await expect(unmatched.getByRole('row').filter({ hasText: unplaced })).toHaveCount(1);
	await expectAccessible(admin);

	// The amount nobody could place: the admin finds out which dossier it is for and links it.
	await unmatched
		.getByRole('link', { name: /^Ontvangst van €\s?35,00 van ONBEKENDE BETALER koppelen$/ })
		.click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText(
		'Ontvangst koppelen aan een dossier'
	);
	await expect(admin.getByRole('main')).toContainText(unplaced);
	await expectAccessible(admin);
	const dossierNumber = admin.getByLabel('Dossiernummer');
	await dossierNumber.fill('Kerkstraat');
	await admin.getByRole('button', { name: 'Koppelen' }).click();
	await expect(admin.getByRole('alert')).toContainText('Geef een dossiernummer zoals 2026-000123.');
	await expect(dossierNumber).toHaveValue('Kerkstraat');
	await expectAccessible(admin);
	await dossierNumber.fill('2099-000001');
	await admin.getByRole('button', { name: 'Koppelen' }).click();
	await expect(admin.getByRole('alert')).toContainText('Er is geen dossier met dit nummer.');
	await dossierNumber.fill(reference);
	await admin.getByRole('button', { name: 'Koppelen' }).click();
	await expect(admin.getByRole('status')).toContainText(
		`De ontvangst is gekoppeld aan dossier ${reference}. Betaling: Betaald.`
	);
	await expect(unmatched.getByRole('row').filter({ hasText: unplaced })).toHaveCount(0);
	await expectAccessible(admin);

	// The dossier moved on by itself: the card is granted, the payment in the history.
	await citizen.reload();
	await expect(answerTo(citizen, 'Stand')).toContainText('Kaart toegekend');
	await expect(payment).toContainText('Betaald');
	await expect(payment.getByRole('img')).toHaveCount(0);
	await expect(
		citizen.getByRole('listitem').filter({ hasText: /Betaling ontvangen: €\s?20,00/ })
	).toHaveCount(1);
	await expectAccessible(citizen);
	await staff.reload();
	await expect(staffPayment).toContainText('Betaald');
	await expect(
		staff
			.getByRole('listitem')
			.filter({ hasText: 'Kaart toegekend' })
			.filter({ hasText: 'Loket (betaling ontvangen)' })
	).toHaveCount(1);
	await expectAccessible(staff);
});
