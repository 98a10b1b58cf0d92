// A clerk changes a library process on a phone-sized screen: a required field shown only for one
// earlier answer, a new workflow state with a transition into it; sees the field come and go in
// the preview, and publishes. New filings use the new version, the dossier filed before keeps
// its own form and workflow.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectUniqueLandmarks } from './axe';
import { answerTo, expectStep, fillAddress, pressContinue, readReceipt } from './filing-helpers';
import { logIn } from './users';

// The whole journey runs axe on some twenty pages: on CI's two cores at a load of 9–11 (the
// suite's other workers and two servers) it took just over five minutes on 2026-12-07 and ran
// out of time on its last step.
test.describe.configure({ timeout: 480_000 });

const processId = 'melding-openbaar-domein';
const newLabel = 'Hoe groot is het sluikstort?';

async function newPhone(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

/** Files a report of illegal dumping as a guest; `size` answers the new field when it is there. */
async function fileDumping(page: Page, size?: string): Promise<string> {
	await page.goto(`/p/${processId}/aanvragen`);
	await expectStep(page, /\/probleem$/, 'Wat is het probleem?');
	await page.getByLabel('Soort probleem').selectOption({ label: 'Sluikstort' });
	await page.getByLabel('Beschrijf het probleem').fill('Matrassen naast de glasbol.');
	if (size) await page.getByLabel(newLabel).fill(size);
	else await expect(page.getByLabel(newLabel)).toHaveCount(0);
	await pressContinue(page);
	await expectStep(page, /\/locatie$/, 'Waar is het?');
	await fillAddress(page, 'Adres', {
		street: 'Kerkstraat',
		number: '3',
		postcode: '9000',
		municipality: 'Gent'
	});
	await pressContinue(page);
	await expectStep(page, /\/contact$/, 'Uw gegevens (niet verplicht)');
	await page
		.getByRole('group', { name: 'Wilt u een bericht als uw melding behandeld is?' })
		.getByRole('radio', { name: 'Nee' })
		.check();
	await pressContinue(page);
	await expectStep(page, /\/controle$/, 'Controleer uw antwoorden');
	if (size) await expect(answerTo(page, newLabel)).toHaveText(size);
	else await expect(answerTo(page, newLabel)).toHaveCount(0);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
	return readReceipt(page, { days: 10, unit: 'working' }, 'report');
}

// A save is a post and a new page; on a loaded CI machine (load 9–13) it took longer than the
// default 5 s once, so the confirmation may take 15.
const saved = (page: Page) =>
	expect.configure({ timeout: 15_000 })(
		page.getByRole('status').filter({ hasText: 'Opgeslagen.' })
	);

test('a clerk adds a conditional field and a workflow step, previews and publishes; old dossiers keep their version', async ({
	browser
}) => {
	const before = await fileDumping(await newPhone(browser));

	const clerk = await newPhone(browser);
	await logIn(clerk, 'clerk');
	await clerk.goto(`/backoffice/processes/${processId}/versions/new/edit`);
	await expect(clerk).toHaveURL(new RegExp(`/versions/2/edit$`));
	await expect(clerk.getByRole('heading', { level: 1, name: 'Overzicht' })).toBeVisible();
	await expect(clerk.getByText('Dit ontwerp heeft geen problemen')).toBeVisible();
	await expectAccessible(clerk);
	await expectUniqueLandmarks(clerk);

	// A save from a page read before another save is refused, naming who saved and when.
	const stale = await clerk.context().newPage();
	await stale.goto(clerk.url());
	await clerk.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await saved(clerk).toBeVisible();
	await stale.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await expect(stale.getByRole('alert')).toContainText(/Gewijzigd door Carla Formulier om .+/);
	// Shown at the top of the page, away from the button pressed: it takes focus, so it is seen.
	await expect(stale.getByRole('alert')).toBeFocused();
	await expectAccessible(stale);
	await stale.close();

	// A new short-text field at the end of the first page: it starts with a problem to fix.
	await clerk.getByRole('link', { name: 'Pagina’s en velden' }).click();
	const first = clerk.getByRole('region', { name: 'Pagina 1: Wat is het probleem?' });
	await first
		.getByLabel('Soort nieuw veld op pagina ‘Wat is het probleem?’')
		.selectOption({ label: 'Korte tekst' });
	await first.getByRole('button', { name: 'Veld toevoegen' }).click();
	await saved(clerk).toBeVisible();
	// The problem in Dutch, with where it is in words.
	await expect(
		clerk.getByRole('region', { name: 'Er zijn problemen op deze pagina' })
	).toContainText(
		'Pagina ‘Wat is het probleem?’, veld ‘text1’, label (Nederlands): Vul de Nederlandse tekst in.'
	);
	await expectAccessible(clerk);
	// A field that conditions read cannot be removed; the refusal says which.
	await first.getByRole('button', { name: 'Veld ‘Soort probleem’ verwijderen' }).click();
	await expect(clerk.getByRole('alert')).toHaveText(
		'Dit kan niet weg: het wordt nog gebruikt door veld ‘categorieAnders’, veld ‘paalnummer’.'
	);
	await expect(clerk.getByRole('alert')).toBeFocused();
	// Moved up and back down with the keyboard's buttons; focus stays on the button.
	const up = first.getByRole('button', { name: 'Veld ‘text1’ omhoog' });
	await up.click();
	await saved(clerk).toBeVisible();
	await expect(up).toBeFocused();
	// Wait for the move to be saved and the page reloaded before leaving it.
	const moved = clerk.waitForResponse((r) => r.request().method() === 'POST');
	await first.getByRole('button', { name: 'Veld ‘text1’ omlaag' }).click();
	await moved;
	await clerk.waitForLoadState('networkidle');
	await first.getByRole('link', { name: 'Veld ‘text1’ bewerken' }).click();
	await expect(clerk.getByRole('heading', { level: 1, name: 'Veld ‘text1’' })).toBeVisible();
	await expect(clerk.getByRole('group', { name: 'Label' })).toContainText(
		'Vul de Nederlandse tekst in.'
	);
	await expectAccessible(clerk);
	const label = clerk.getByRole('group', { name: 'Label' });
	await label.getByLabel('Nederlands').fill(newLabel);
	await label.getByLabel('Engels').fill('How large is the dumped waste?');
	await clerk.getByLabel('Verplicht', { exact: true }).check();
	await clerk.getByRole('button', { name: 'Opslaan', exact: true }).click();
	await saved(clerk).toBeVisible();
	await expect(clerk.getByRole('region', { name: 'Er zijn problemen op deze pagina' })).toHaveCount(
		0
	);
	await clerk.getByLabel('Eerder veld').selectOption({ label: 'Soort probleem (categorie)' });
	await clerk.getByLabel('Vergelijking').selectOption({ label: 'is gelijk aan' });
	await clerk.getByLabel('Waarde').fill('sluikstort');
	await clerk.getByRole('button', { name: 'Voorwaarde opslaan' }).click();
	await saved(clerk).toBeVisible();
	await expect(clerk.getByLabel('Waarde')).toHaveValue('sluikstort');
	await expectAccessible(clerk);

	// A new state, a transition into it, and a way out of it to the end.
	await clerk.getByRole('link', { name: 'Werkstroom' }).click();
	await clerk.getByRole('button', { name: 'Status toevoegen' }).click();
	await saved(clerk).toBeVisible();
	const state = clerk.getByRole('region', { name: 'Status ‘status_1’' });
	await state.getByLabel('Technische naam').fill('wacht_op_aannemer');
	await state
		.getByRole('group', { name: 'Label' })
		.getByLabel('Nederlands')
		.fill('Wacht op aannemer');
	await state
		.getByRole('group', { name: 'Uitleg voor de burger' })
		.getByLabel('Nederlands')
		.fill('Een aannemer bekijkt het probleem.');
	await state.getByRole('button', { name: 'Status ‘status_1’ opslaan' }).click();
	await saved(clerk).toBeVisible();
	// The page has its new revision once the state carries its new name: only then the next form.
	await expect(clerk.getByRole('region', { name: 'Status ‘wacht_op_aannemer’' })).toBeVisible();
	await clerk.getByRole('button', { name: 'Overgang toevoegen' }).click();
	await saved(clerk).toBeVisible();
	const into = clerk.getByRole('region', { name: 'Overgang ‘overgang_1’' });
	await into.getByLabel('Technische naam').fill('aannemer_inschakelen');
	await into.getByRole('group', { name: 'Van' }).getByLabel('ingediend').check();
	await into.getByLabel('Naar').selectOption('wacht_op_aannemer');
	await into
		.getByRole('group', { name: 'Label' })
		.getByLabel('Nederlands')
		.fill('Aannemer inschakelen');
	await into.getByRole('button', { name: 'Overgang ‘overgang_1’ opslaan' }).click();
	await saved(clerk).toBeVisible();
	// As above: the next form is used once the page holds the revision this save made.
	await expect(
		clerk.getByRole('region', { name: 'Overgang ‘aannemer_inschakelen’' })
	).toBeVisible();
	const done = clerk.getByRole('region', { name: 'Overgang ‘uitgevoerd’' });
	await done.getByRole('group', { name: 'Van' }).getByLabel('wacht_op_aannemer').check();
	await done.getByRole('button', { name: 'Overgang ‘uitgevoerd’ opslaan' }).click();
	await saved(clerk).toBeVisible();
	await expect(clerk.getByRole('region', { name: 'Er zijn problemen op deze pagina' })).toHaveCount(
		0
	);
	await expectAccessible(clerk);

	// The preview, in its phone-sized frame and full page: the field follows the answer.
	const frame = clerk.frameLocator('iframe[title="Voorbeeld op een telefoon"]');
	await expect(
		frame.getByRole('heading', { level: 1, name: 'Wat is het probleem?' })
	).toBeVisible();
	const href = await clerk
		.getByRole('link', { name: 'Voorbeeld op volledige pagina openen' })
		.getAttribute('href');
	await clerk.goto(href ?? '-');
	await expect(
		clerk.getByRole('heading', { level: 1, name: 'Wat is het probleem?' })
	).toBeVisible();
	await expect(clerk.getByLabel(newLabel)).toHaveCount(0);
	await expectAccessible(clerk);
	await clerk.getByLabel('Soort probleem').selectOption({ label: 'Sluikstort' });
	await expect(clerk.getByLabel(newLabel)).toBeVisible();
	await clerk.getByLabel('Soort probleem').selectOption({ label: 'Put of schade in de weg' });
	await expect(clerk.getByLabel(newLabel)).toHaveCount(0);
	await clerk.getByLabel('Soort probleem').selectOption({ label: 'Sluikstort' });
	await clerk.getByLabel('Beschrijf het probleem').fill('Matrassen.');
	await pressContinue(clerk);
	await expect(clerk.getByRole('link', { name: `Vul ‘${newLabel}’ in.` })).toBeVisible();
	await expectAccessible(clerk);
	await clerk.getByLabel(newLabel).fill('Twee matrassen');
	await pressContinue(clerk);
	await expect(clerk.getByRole('heading', { level: 1, name: 'Waar is het?' })).toBeVisible();
	await expectAccessible(clerk);
	// The preview shows the citizen's page, not the clerk's header with their name and sign-out.
	await expect(clerk.getByRole('banner')).toHaveCount(0);
	await expect(clerk.getByText('Carla Formulier')).toHaveCount(0);
	await expect(clerk.getByRole('button', { name: 'Afmelden' })).toHaveCount(0);

	// On a field's page the frame opens at that field's page, not at page 1; the editor page
	// around it keeps its landmarks unique.
	await clerk.goto(`/backoffice/processes/${processId}/versions/2/edit/fields/locatieOmschrijving`);
	await expect(
		clerk
			.frameLocator('iframe[title="Voorbeeld op een telefoon"]')
			.getByRole('heading', { level: 1, name: 'Waar is het?' })
	).toBeVisible();
	await expectAccessible(clerk);
	await expectUniqueLandmarks(clerk);

	// On the pages page, the frame opens at the page saved last, not at page 1.
	await clerk.goto(`/backoffice/processes/${processId}/versions/2/edit/pages`);
	const preview = clerk.frameLocator('iframe[title="Voorbeeld op een telefoon"]');
	await expect(
		preview.getByRole('heading', { level: 1, name: 'Wat is het probleem?' })
	).toBeVisible();
	await clerk
		.getByRole('region', { name: 'Pagina 2: Waar is het?' })
		.getByRole('button', { name: 'Pagina ‘Waar is het?’ opslaan' })
		.click();
	await saved(clerk).toBeVisible();
	await expect(preview.getByRole('heading', { level: 1, name: 'Waar is het?' })).toBeVisible();
	await expectAccessible(clerk);
	await expectUniqueLandmarks(clerk);

	// Publish.
	await clerk.goto(`/backoffice/processes/${processId}/versions/2/edit`);
	await clerk.getByRole('button', { name: 'Versie 2 publiceren' }).click();
	await expect(clerk).toHaveURL(new RegExp(`/backoffice/processes/${processId}\\?published=2$`));
	await expect(clerk.getByRole('status')).toContainText('Versie 2 is gepubliceerd');
	await expectAccessible(clerk);
	// The diff between the two versions lists the clerk's changes in words.
	await clerk.getByRole('button', { name: 'Vergelijken' }).click();
	await expect(
		clerk.getByRole('heading', { level: 1, name: 'Versie 1 en versie 2 vergeleken' })
	).toBeVisible();
	await expect(clerk.getByRole('region', { name: 'Velden', exact: true })).toContainText(
		`Veld ‘${newLabel}’ (text1) toegevoegd op pagina ‘Wat is het probleem?’ (probleem).`
	);
	await expect(clerk.getByRole('region', { name: 'Statussen', exact: true })).toContainText(
		'Status ‘Wacht op aannemer’ (wacht_op_aannemer) toegevoegd.'
	);
	await expect(clerk.getByRole('region', { name: 'Overgangen', exact: true })).toContainText(
		'Overgang ‘Aannemer inschakelen’ (aannemer_inschakelen) toegevoegd.'
	);
	await expectAccessible(clerk);

	const after = await fileDumping(await newPhone(browser), 'Twee matrassen');

	// Staff: the dossier filed before keeps its form and workflow; the new one has both changes.
	const staff = await newPhone(browser);
	await logIn(staff, 'staff');
	const step = (name: string) => staff.getByRole('group', { name, exact: true });
	for (const [reference, isNew] of [
		[before, false],
		[after, true]
	] as const) {
		await staff.goto(`/backoffice?q=${reference}`);
		await staff.getByRole('link', { name: reference }).click();
		await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
		await expect(step('In behandeling nemen')).toBeVisible();
		if (isNew) {
			await expect(answerTo(staff, newLabel)).toHaveText('Twee matrassen');
			await expect(step('Aannemer inschakelen')).toBeVisible();
		} else {
			await expect(answerTo(staff, newLabel)).toHaveCount(0);
			await expect(step('Aannemer inschakelen')).toHaveCount(0);
		}
		await expectAccessible(staff);
	}
});
