// Issue 18: a process that needs `substantial` accepts an SMS code (while `high` refuses it:
// eid.spec.ts). A clerk installs a copy of the complaint form that asks for substantial, without
// changing any library process's level, publishes it, and retires it at the end. Alone: a new
// process in the catalogue would change the counts other specs check.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expectStep } from './filing-helpers';
import { library } from './library';
import { logIn } from './users';

const desk = { viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false };

test.describe.configure({ timeout: 180_000 });

/** At the test provider's page: signs in as the person on this button. */
async function chooseAtProvider(page: Page, person: RegExp): Promise<void> {
	await expect(page.getByRole('heading', { level: 1, name: 'Testaanmelding' })).toBeVisible();
	await page.getByRole('button', { name: person }).click();
}

test('a process that needs substantial accepts an SMS code', async ({ page, browser }) => {
	// A clerk installs a copy of a library process that asks for substantial, and publishes it.
	const id = `sms-${Date.now().toString(36)}`;
	const complaint = library.find((p) => p.id === 'klacht')!;
	const definition = {
		...complaint,
		id,
		version: 1,
		title: { nl: `Klacht met sms-code ${id}`, en: `Complaint with an SMS code ${id}` },
		auth: 'required',
		assurance: 'substantial'
	};
	const clerk = await (await browser.newContext(desk)).newPage();
	await logIn(clerk, 'clerk');
	await clerk.goto('/backoffice/processes');
	await clerk.getByLabel('Bestand (.json)').setInputFiles({
		name: `${id}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(definition))
	});
	await clerk.getByRole('button', { name: 'Invoeren' }).click();
	await expect(clerk).toHaveURL(new RegExp(`/backoffice/processes/${id}\\?imported=1$`));
	await clerk.goto(`/backoffice/processes/${id}/versions/1/edit`);
	await clerk.getByRole('button', { name: 'Versie 1 publiceren' }).click();
	await expect(clerk).toHaveURL(new RegExp(`/backoffice/processes/${id}\\?published=1$`));

	await page.goto(`/p/${id}`);
	await page.getByRole('link', { name: 'Aanvraag starten' }).first().click();
	await expect(page).toHaveURL(/\/aanmelden\?next=[^&]+&niveau=substantial$/);
	await expect(page.getByText(/Meld u aan met de CSAM-app, een sms-code/)).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanmelden met eID of itsme' }).click();
	await chooseAtProvider(page, /^Bert Wouters \(sms\)$/);
	// Enough: straight into the form, his name confirmed.
	await expectStep(page, `/p/${id}/aanvragen/uw-gegevens`, 'Uw gegevens');
	await expect(page.getByLabel('Voornaam')).toHaveValue('Bert');
	await expect(page.getByLabel('Voornaam')).toHaveAttribute('readonly', '');
	await expectAccessible(page);

	// Out of the catalogue again.
	await clerk.goto(`/backoffice/processes/${id}`);
	await clerk.getByRole('button', { name: 'Buiten gebruik stellen' }).click();
	await expect(clerk.getByRole('status')).toContainText('buiten gebruik gesteld');
});
