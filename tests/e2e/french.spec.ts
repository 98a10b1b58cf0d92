// French, the site's third language (issue 23, item 5): a browser that asks for French gets the
// whole citizen journey in French on its first visit, at a phone's size, with axe clean on every
// page; a language chosen with the switch wins over the browser from then on.
//
// The site's own words are asserted in French. A process definition's texts may still be Dutch
// where the definition has no French yet, so those are read from the definition with the same
// fallback the site uses (French, else Dutch): the test passes before and after the definitions
// are translated.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { computeDueDate } from '../../src/lib/process/calendar';
import { formatDate } from '../../src/lib/process/format';
import { expectAccessible } from './axe';
import { answerTo, escapeRegExp, today } from './filing-helpers';

test.use({
	locale: 'fr-BE',
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true
});
test.describe.configure({ timeout: 120_000 });

type Text = { nl: string; en?: string; fr?: string };
type Field = { key: string; label?: Text; options?: { value: string; label: Text }[] };
type Definition = {
	title: Text;
	pages: { id: string; title: Text; fields: Field[] }[];
};

const definition: Definition = JSON.parse(
	readFileSync(new URL('../../forms/melding-openbaar-domein.json', import.meta.url), 'utf8')
);
/** A definition's text as the French site shows it: French, else the Dutch of record. */
const fr = (text: Text) => text.fr ?? text.nl;
const page$ = (id: string) => definition.pages.find((p) => p.id === id)!;
const field = (key: string) =>
	definition.pages.flatMap((p) => p.fields).find((f) => f.key === key)!;
const label = (key: string) => fr(field(key).label!);
const option = (key: string, value: string) =>
	fr(field(key).options!.find((o) => o.value === value)!.label);

const melding = '/p/melding-openbaar-domein/aanvragen';

async function expectFrenchPage(page: Page, heading: string | RegExp): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expectAccessible(page);
}

async function pressContinue(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Continuer' }).click();
}

test('a French browser files a report in French from the home page to the tracking page, and a switch to Dutch sticks', async ({
	page
}) => {
	// The first visit follows the browser: no cookie, Accept-Language fr-BE.
	await page.goto('/');
	await expectFrenchPage(page, 'Que souhaitez-vous demander ou signaler ?');
	await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeAttached();
	// The switch offers the two other languages, each in its own language.
	const banner = page.getByRole('banner');
	await expect(banner.getByRole('button', { name: 'Schakel naar Nederlands' })).toHaveAttribute(
		'lang',
		'nl'
	);
	await expect(banner.getByRole('button', { name: 'Switch to English' })).toHaveAttribute(
		'lang',
		'en'
	);
	await expect(banner.getByRole('button', { name: 'Passer au français' })).toHaveCount(0);

	// The product page.
	await page
		.getByRole('link', { name: fr(definition.title) })
		.first()
		.click();
	await expect(page).toHaveURL('/p/melding-openbaar-domein');
	await expectFrenchPage(page, fr(definition.title));
	await expect(
		page.getByRole('heading', { level: 2, name: 'Combien cela coûte-t-il ?' })
	).toBeVisible();
	await expect(page.getByRole('main')).toContainText('Vous ne devez pas vous connecter.');
	await page.getByRole('link', { name: 'Commencer votre demande' }).first().click();

	// First page: empty, then the errors in French, in the summary and next to the fields.
	await expect(page).toHaveURL(`${melding}/probleem`);
	await expectFrenchPage(page, fr(page$('probleem').title));
	await expect(page.getByRole('paragraph').filter({ hasText: 'Étape 1 sur 3' })).toBeVisible();
	await pressContinue(page);
	const summary = page.getByRole('alert').filter({
		has: page.getByRole('heading', { level: 2, name: 'Il y a un problème' })
	});
	await expect(summary).toBeVisible();
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link')).toHaveText([
		`Choisissez une réponse pour « ${label('categorie')} ».`,
		`Complétez « ${label('omschrijving')} ».`
	]);
	const description = page.getByLabel(label('omschrijving'));
	await expect(description).toHaveAttribute('aria-invalid', 'true');
	await expect(description).toHaveAccessibleDescription(
		new RegExp(`Erreur : Complétez « ${escapeRegExp(label('omschrijving'))} »\\.$`)
	);
	await expectFrenchPage(page, fr(page$('probleem').title));
	await page.getByLabel(label('categorie')).selectOption({ label: option('categorie', 'wegdek') });
	await description.fill('Un nid-de-poule profond sur la piste cyclable.');
	await pressContinue(page);

	// Second page: the address's parts are the site's own words.
	await expect(page).toHaveURL(`${melding}/locatie`);
	await expectFrenchPage(page, fr(page$('locatie').title));
	const address = page.getByRole('group', { name: label('locatieAdres') });
	await address.getByLabel('Rue').fill('Rue de l’Église');
	await address.getByLabel('Numéro').fill('12');
	await address.getByLabel('Code postal').fill('1000');
	await address.getByLabel('Commune').fill('Bruxelles');
	await pressContinue(page);

	// Third page: the yes/no answer in French.
	await expect(page).toHaveURL(`${melding}/contact`);
	await expectFrenchPage(page, fr(page$('contact').title));
	await page
		.getByRole('group', { name: label('terugkoppeling') })
		.getByRole('radio', { name: 'Non' })
		.check();
	await pressContinue(page);

	// The check page.
	await expect(page).toHaveURL(`${melding}/controle`);
	await expectFrenchPage(page, 'Vérifiez vos réponses');
	await expect(answerTo(page, label('omschrijving'))).toHaveText(
		'Un nid-de-poule profond sur la piste cyclable.'
	);
	await expect(answerTo(page, label('locatieAdres'))).toHaveText(
		'Rue de l’Église 12 1000 Bruxelles'
	);
	await expect(answerTo(page, label('naam'))).toHaveText('Pas de réponse');
	await expect(answerTo(page, label('terugkoppeling'))).toHaveText('Non');
	await expect(page.getByRole('link', { name: `Modifier ${label('omschrijving')}` })).toBeVisible();
	await page.getByRole('button', { name: 'Envoyer la demande' }).click();

	// The receipt: a report is sent and dealt with by a date written the Belgian French way.
	await expect(page).toHaveURL(`${melding}/ontvangen`);
	await expectFrenchPage(page, 'Votre signalement a été envoyé');
	const main = page.getByRole('main');
	const due = formatDate(computeDueDate(today(), { days: 10, unit: 'working' }), 'fr');
	await expect(main).toContainText(
		`Nous visons à traiter votre signalement au plus tard le ${due}.`
	);
	const reference = await page
		.getByRole('paragraph')
		.filter({ hasText: 'Votre référence' })
		.getByRole('strong')
		.innerText();
	expect(reference).toMatch(/^\d{4}-\d{6}$/);
	const pdfLink = page.getByRole('link', { name: 'Télécharger l’accusé de réception (PDF)' });
	const receipt = await page.request.get((await pdfLink.getAttribute('href')) ?? '-');
	expect(receipt.status()).toBe(200);
	expect(receipt.headers()['content-type']).toBe('application/pdf');

	// The tracking page.
	await page.getByRole('link', { name: /\/volg\/[\w-]+$/ }).click();
	await expect(page).toHaveURL(/\/volg\/[\w-]+$/);
	await expectFrenchPage(page, `Signalement ${reference}`);
	await expect(page.getByRole('heading', { name: 'Historique et messages' })).toBeVisible();
	await expect(page.getByRole('main')).toContainText('Signalement envoyé');

	// Switching to Dutch: the same page in Dutch, and the choice sticks on the next visit although
	// the browser still asks for French.
	await page.getByRole('banner').getByRole('button', { name: 'Schakel naar Nederlands' }).click();
	await expect(page).toHaveURL(/\/volg\/[\w-]+$/);
	await expect(page.getByRole('heading', { level: 1, name: `Melding ${reference}` })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await page.goto('/');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Wat wilt u aanvragen of melden?' })
	).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await expectAccessible(page);
	const fresh = await page.context().newPage();
	await fresh.goto('/p/melding-openbaar-domein');
	await expect(fresh.getByRole('link', { name: 'Aanvraag starten' }).first()).toBeVisible();
});

test('a page stays in the language the server chose when the browser’s own language list says otherwise, and no language is stored for it', async ({
	browser
}) => {
	// The header asks for French; navigator.languages says English (a proxy or a setting can make
	// them differ). The server's choice, French, holds through hydration and client navigation.
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.route('**/*', (route) =>
		route.continue({
			headers: { ...route.request().headers(), 'accept-language': 'fr-BE,fr;q=0.9' }
		})
	);
	expect(await page.evaluate(() => navigator.language)).toBe('en-US');
	await page.goto('/');
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toHaveText('Que souhaitez-vous demander ou signaler ?');
	// Hydrated: the search filters as one types, in French.
	await page.getByRole('searchbox').fill('zzzz-geen-proces');
	await expect(page.getByText('0 produit trouvé')).toBeVisible();
	await expect(page.getByText(/^Aucun produit ne correspond à votre recherche/)).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(heading).toHaveText('Que souhaitez-vous demander ou signaler ?');
	await expectAccessible(page);
	expect((await context.cookies()).map((c) => c.name)).not.toContain('PARAGLIDE_LOCALE');
	await context.close();
});
