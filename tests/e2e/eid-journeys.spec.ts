// Issue 18, the journeys beyond the first eID one (eid.spec.ts): a citizen signed in for her
// enterprise files for it on a phone, its name and KBO number filled in and confirmed, and finds it
// under the enterprise's dossiers, where she and staff see on whose behalf it was filed (signed in
// for herself she is told to sign in for the enterprise, and comes back to it); the eID journey on
// the English site; and a member of staff signing in through the municipality's directory,
// with the role their group gives, lost when the group is. The identity provider is the real
// `oidc-provider` beside the e2e server (test-provider.ts); axe runs on every Loket page.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expectStep, fillAddress } from './filing-helpers';
import { E2E_STAFF_GROUP } from './test-provider';
import { logIn } from './users';

const desk = { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false };
const providerOrigin = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173) + 3}`;

test.describe.configure({ timeout: 180_000 });

/** At the test provider's page: signs in as the person on this button. */
async function chooseAtProvider(page: Page, person: RegExp): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Testaanmelding' })).toBeVisible();
	await page.getByRole('button', { name: person }).click();
}

/** Finds a dossier in the back office by its reference and opens it. */
async function openAsStaff(staff: Page, reference: string): Promise<void> {
	await staff.goto('/backoffice');
	await staff.getByLabel('Zoeken').fill(reference);
	await staff.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
}

test('signed in for her enterprise, Carla files for it on a phone; staff see on whose behalf', async ({
	page,
	browser
}) => {
	const shop = '/p/ondernemingsloket-handelsactiviteit';
	await page.goto(`/aanmelden?next=${encodeURIComponent(`${shop}/aanvragen`)}`);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanmelden met eID of itsme' }).click();
	await chooseAtProvider(page, /^Carla Peeters \(eid\)$/);

	// The enterprise's name and number, and her own name, are the provider's: filled in, confirmed.
	await expectStep(page, `${shop}/aanvragen/onderneming`, 'Uw onderneming');
	const confirmed =
		'Bevestigd door uw aanmelding met eID of itsme. Klopt dit niet? Neem contact op met de gemeente.';
	const name = page.getByLabel('Naam van de onderneming');
	await expect(name).toHaveValue('Bakkerij Peeters BV');
	await expect(name).toHaveAttribute('readonly', '');
	await expect(name).toHaveAccessibleDescription(
		new RegExp(`${confirmed.replace(/[.?]/g, '\\$&')}$`)
	);
	const kbo = page.getByLabel('Ondernemingsnummer');
	await expect(kbo).toHaveValue('0123.456.749');
	await expect(kbo).toHaveAttribute('readonly', '');
	await expect(page.getByLabel('Voornaam')).toHaveValue('Carla');
	await expect(page.getByLabel('Voornaam')).toHaveAttribute('readonly', '');
	await expectAccessible(page);

	// A post that changes the enterprise number anyway is refused, next to the field.
	const refused = await page.request.post(`${shop}/aanvragen/onderneming`, {
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		multipart: {
			soortAanvraag: 'opening_handelszaak',
			bedrijfsnaam: 'Bakkerij Peeters BV',
			ondernemingsnummer: '0202.239.951',
			rechtsvorm: 'bv',
			'zetel.street': 'Markt',
			'zetel.number': '1',
			'zetel.postcode': '9000',
			'zetel.municipality': 'Gent',
			voornaam: 'Carla',
			familienaam: 'Peeters',
			email: 'carla@bakkerij-peeters.be',
			telefoon: '0470 12 34 56'
		}
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain(
		'‘Ondernemingsnummer’ komt van uw aanmelding en kan hier niet gewijzigd worden.'
	);

	await page.getByRole('radio', { name: 'De opening van een handelszaak melden' }).check();
	await page.getByLabel('Rechtsvorm').selectOption({ label: 'Besloten vennootschap (bv)' });
	await fillAddress(page, 'Adres van de zetel', {
		street: 'Markt',
		number: '1',
		postcode: '9000',
		municipality: 'Gent'
	});
	await page.getByLabel('E-mailadres').fill('carla@bakkerij-peeters.be');
	await page.getByLabel('Telefoonnummer').fill('0470 12 34 56');
	await page.getByRole('button', { name: 'Verder' }).click();

	await expectStep(page, `${shop}/aanvragen/activiteit`, 'Uw activiteit');
	await page.getByLabel('Wat verkoopt of doet u?').selectOption({ label: 'Voedingswaren' });
	await page.getByLabel('Omschrijf uw activiteit').fill('Brood en banket, met een koffiehoek.');
	await fillAddress(page, 'Adres van de zaak', {
		street: 'Veldstraat',
		number: '10',
		postcode: '9000',
		municipality: 'Gent'
	});
	const opening = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel('Openingsdatum').fill(opening);
	await page.getByLabel('Netto handelsoppervlakte').fill('80');
	await page
		.getByRole('group', { name: /horecazaak/ })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await page.getByRole('button', { name: 'Verder' }).click();

	await expectStep(page, `${shop}/aanvragen/bevestigen`, 'Bevestigen');
	await page.getByRole('checkbox', { name: /Ik verklaar op eer/ }).check();
	await page.getByRole('button', { name: 'Verder' }).click();
	await expectStep(page, `${shop}/aanvragen/controle`, 'Controleer uw antwoorden');
	await expectAccessible(page);
	await page.getByRole('button', { name: /indienen/ }).click();
	await expectStep(page, /\/aanvragen\/ontvangen$/, 'Uw aanvraag is ingediend');
	const reference = await page
		.getByRole('paragraph')
		.filter({ hasText: 'Uw referentie' })
		.getByRole('strong')
		.innerText();

	// Her dossiers: the bakery's apart from her own; this one is the bakery's.
	await page.goto('/dossiers');
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn dossiers' })).toBeVisible();
	const bakery = page.getByRole('region', { name: 'Aanvragen van Bakkerij Peeters BV' });
	const own = page.getByRole('region', { name: 'Uw eigen aanvragen' });
	await expect(bakery.getByRole('link', { name: new RegExp(reference) })).toBeVisible();
	await expect(own.getByRole('link', { name: new RegExp(reference) })).toHaveCount(0);
	await expectAccessible(page);
	await bakery.getByRole('link', { name: new RegExp(reference) }).click();
	await expect(page).toHaveURL(new RegExp(`/dossiers/${reference}$`));
	// Her dossier page says on whose behalf she filed it, as staff read it.
	const onBehalf =
		'Namens Bakkerij Peeters BV (KBO 0123.456.749), door Carla Peeters (zaakvoerder)';
	await expect(page.getByText(onBehalf)).toBeVisible();
	await expectAccessible(page);

	// Someone not signed in for the bakery does not find it.
	const other = await (await browser.newContext()).newPage();
	await logIn(other, 'citizen');
	expect((await other.goto(`/dossiers/${reference}`))?.status()).toBe(404);

	// Carla herself, signed in for herself (the link in a mail), is told it is the bakery's and
	// signs in for it, back to the dossier.
	const herself = await (await browser.newContext()).newPage();
	await herself.goto(`/aanmelden?next=${encodeURIComponent(`/dossiers/${reference}`)}`);
	await herself.getByRole('button', { name: 'Aanmelden met eID of itsme' }).click();
	await chooseAtProvider(herself, /^Carla Peeters \(eid, voor zichzelf\)$/);
	await expect(herself).toHaveURL(new RegExp(`/dossiers/${reference}$`));
	expect((await herself.reload())?.status()).toBe(403);
	await expect(herself.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible();
	await expect(
		herself.getByText(
			'Dit dossier is van Bakkerij Peeters BV: u diende het in namens die onderneming. Om het te zien, meldt u zich aan voor Bakkerij Peeters BV.'
		)
	).toBeVisible();
	await expect(herself.getByText(onBehalf)).toHaveCount(0);
	await expectAccessible(herself);
	await herself.getByRole('button', { name: 'Aanmelden voor Bakkerij Peeters BV' }).click();
	// Signing out at the provider too (its own page asks), so that she can choose again.
	await herself.getByRole('button', { name: 'Yes, sign me out' }).click();
	await herself.getByRole('button', { name: 'Aanmelden met eID of itsme' }).click();
	await chooseAtProvider(herself, /^Carla Peeters \(eid\)$/);
	await expect(herself).toHaveURL(new RegExp(`/dossiers/${reference}$`));
	await expect(herself.getByText(onBehalf)).toBeVisible();
	await expectAccessible(herself);

	// Staff see on whose behalf, and who acted.
	const staff = await (await browser.newContext(desk)).newPage();
	await logIn(staff, 'staff');
	await openAsStaff(staff, reference);
	await expect(staff.getByText(onBehalf)).toBeVisible();
	await expect(staff.getByText('Aangemeld met eID of itsme, niveau hoog')).toBeVisible();
	await expectAccessible(staff);
});

test('the eID journey on the English site: the provider, back in the English form, confirmed in English', async ({
	page
}) => {
	const product = '/p/uittreksel-strafregister';
	await page.goto(product);
	await page.getByRole('banner').getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByText('You sign in with your eID or itsme.')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Start your application' }).first().click();

	await expect(page).toHaveURL(/\/aanmelden\?next=[^&]+&niveau=high$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
	await expect(page.getByText(/Sign in with your eID or itsme\.$/)).toBeVisible();
	await expect(page.getByLabel('Password')).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Sign in with eID or itsme' }).click();
	// At the provider's own page (not Loket's: no axe there).
	expect(new URL(page.url()).origin).toBe(providerOrigin);
	await chooseAtProvider(page, /^Els Maes \(eid\)$/);

	await expectStep(page, `${product}/aanvragen/uittreksel`, 'Which extract do you need?');
	await expectAccessible(page);
	await page.getByRole('radio', { name: /^Model 595/ }).check();
	await page.getByLabel('Which organisation or authority').fill('De Linde primary school');
	await page.getByLabel('What do you need it for?').selectOption({ label: 'Volunteer work' });
	await page
		.getByRole('group', { name: /abroad/ })
		.getByRole('radio', { name: 'No' })
		.check();
	await page.getByRole('button', { name: 'Continue' }).click();
	await expectStep(page, `${product}/aanvragen/voor-wie`, 'Who is it for?');
	await page.getByRole('radio', { name: 'For myself' }).check();
	await page.getByRole('button', { name: 'Continue' }).click();

	await expectStep(page, `${product}/aanvragen/levering-contact`, 'Delivery and contact details');
	const firstName = page.getByLabel('First name');
	await expect(firstName).toHaveValue('Els');
	await expect(firstName).toHaveAttribute('readonly', '');
	await expect(firstName).toHaveAccessibleDescription(
		'Confirmed by your sign-in with eID or itsme. Is this wrong? Contact the municipality.'
	);
	const nationalNumber = page.getByLabel('Your national register number');
	await expect(nationalNumber).toHaveValue('92.04.15-123.29');
	await expect(nationalNumber).toHaveAttribute('readonly', '');
	await expectAccessible(page);
});

test('staff sign in through the municipality’s directory: the group gives the role, its removal takes it', async ({
	browser
}) => {
	const signIn = async () => {
		const page = await (await browser.newContext(desk)).newPage();
		await page.goto('/aanmelden?next=%2Fbackoffice');
		await expect(page.getByRole('region', { name: 'Medewerkers van de gemeente' })).toBeVisible();
		await expectAccessible(page);
		await page.getByRole('button', { name: 'Aanmelden met uw gemeente-account' }).click();
		await chooseAtProvider(page, /^Dirk Janssens \(password\)$/);
		return page;
	};
	const setGroups = async (groups: string[]) => {
		const answer = await fetch(`${providerOrigin}/test-admin/accounts/dirk-staff`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				email: 'dirk.janssens@gemeente.test',
				email_verified: true,
				given_name: 'Dirk',
				family_name: 'Janssens',
				name: 'Dirk Janssens',
				groups
			})
		});
		expect(answer.status).toBe(204);
	};

	await setGroups([E2E_STAFF_GROUP, 'iedereen']);
	const first = await signIn();
	// In the group: the back office, as staff.
	await expect(first).toHaveURL(/\/backoffice$/);
	await expect(first.getByRole('heading', { level: 1, name: 'Werkbak' })).toBeVisible();
	await expectAccessible(first);

	// Taken out of the group in the directory: the next sign-in has no back office.
	await setGroups(['iedereen']);
	const second = await signIn();
	expect((await second.goto('/backoffice'))?.status()).toBe(403);
	await expectAccessible(second);
	await setGroups([E2E_STAFF_GROUP, 'iedereen']);
});
