// A clerk checks the documents a process issues: on a copy of the attest gezinssamenstelling (a
// process of its own, so the spec runs beside the others), the clerk opens Documenten in the
// builder, writes a placeholder the form does not have and sees the problem at the text and in the
// summary, fixes it, and downloads the preview PDF: pdftotext reads the sample dossier's values and
// the VOORBEELD marking, and pdfsig finds no seal (the e2e server does seal issued documents). A
// template is removed after a confirmation, by keyboard; a published version's templates are shown
// read-only. On a copy of the bewonerskaart the clerk sets the fee's amount per answer: a word
// where a number belongs is kept and named in the summary, then fixed. axe on every page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { runPdfsig } from '../fixtures/seal';
import { expectAccessible } from './axe';
import { logIn } from './users';

const library = 'attest-gezinssamenstelling';
const copy = `attest-docs-${Date.now().toString(36)}`;
const dir = mkdtempSync(join(tmpdir(), 'loket-e2e-templates-'));

// Each test copies a process and edits it in several saves: on a loaded CI machine the first took
// 96 s against the default 90 s (a timeout, not a failure of what it checks).
test.describe.configure({ timeout: 180_000 });

// A save is a post and a new page; on a loaded CI machine it may take longer than 5 s.
const saved = (page: Page) =>
	expect.configure({ timeout: 15_000 })(
		page.getByRole('status').filter({ hasText: 'Opgeslagen.' })
	);

test('a clerk edits a document template, sees a placeholder problem, fixes it and downloads the preview', async ({
	page
}) => {
	await logIn(page, 'clerk');
	await page.goto(`/backoffice/processes/${library}`);
	await page.getByLabel('Id van het nieuwe proces').fill(copy);
	await page.getByRole('button', { name: 'Kopie maken' }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/${copy}\\?created$`));
	await page.getByRole('link', { name: 'Ontwerp bewerken (versie 1)' }).click();
	await page
		.getByRole('navigation', { name: 'Editor' })
		.getByRole('link', { name: 'Documenten' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Documenten' })).toBeVisible();
	await expectAccessible(page);

	const attest = page.getByRole('region', { name: 'Document ‘attest’' });
	await expect(attest.getByLabel('Soort', { exact: true })).toHaveValue('certificate');
	await expect(attest.getByLabel('Soort', { exact: true }).locator('option:checked')).toHaveText(
		'Attest'
	);
	const transitions = attest.getByRole('group', { name: 'Uitgereikt bij de overgangen' });
	await expect(transitions.getByRole('checkbox', { checked: true })).toHaveCount(2);
	// The placeholders the text may use, beside it: the fixed ones and this form's answers.
	await attest.getByText('Plaatshouders voor de tekst').click();
	await expect(
		attest.getByRole('definition').filter({ hasText: 'Referentie van het dossier' })
	).toBeVisible();
	await expect(attest.getByText('{{answers.doel}}')).toBeVisible();

	const dutchBody = attest
		.getByRole('group', { name: 'Tekst', exact: true })
		.getByLabel('Nederlands');
	await dutchBody.fill('# Verklaring\n\nDossier {{reference}} voor {{answers.doelWaarvoor}}.');
	await attest.getByRole('button', { name: 'Document ‘attest’ bewaren' }).click();
	await saved(page).toBeVisible();
	const problem =
		'Het formulier heeft geen invulveld ‘doelWaarvoor’ (in {{answers.doelWaarvoor}}).';
	await expect(attest.getByRole('group', { name: 'Tekst', exact: true })).toContainText(problem);
	await expect(dutchBody).toHaveAttribute('aria-invalid', 'true');
	// What was typed is saved as typed.
	await expect(dutchBody).toHaveValue(
		'# Verklaring\n\nDossier {{reference}} voor {{answers.doelWaarvoor}}.'
	);
	const summary = page.getByRole('region', { name: 'Er zijn problemen op deze pagina' });
	await expect(summary.getByRole('link')).toHaveText(
		`Document ‘Attest gezinssamenstelling’, tekst (Nederlands): ${problem}`
	);
	await expectAccessible(page);

	await dutchBody.fill(
		'# Verklaring\n\nDossier {{reference}} van {{applicant.name}}, voor: {{answers.doel}}.'
	);
	await attest.getByRole('button', { name: 'Document ‘attest’ bewaren' }).click();
	await saved(page).toBeVisible();
	await expect(summary).toHaveCount(0);
	await expect(dutchBody).not.toHaveAttribute('aria-invalid');

	// The preview of the saved template with the sample dossier: marked, and not sealed.
	const downloading = page.waitForEvent('download');
	await attest.getByRole('link', { name: 'Voorbeeld (PDF) van document ‘attest’' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(`voorbeeld-${copy}-v1-attest.pdf`);
	const file = join(dir, 'preview.pdf');
	await download.saveAs(file);
	const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	expect(text).toContain('VOORBEELD — geen geldig document');
	expect(text).toContain('Dossier 2026-000123 van An Peeters, voor: Werkgever of uitzendkantoor.');
	expect(runPdfsig(file)).not.toContain('Signature is Valid');

	// Removing a template asks first; all of it works from the keyboard.
	await page.getByRole('link', { name: 'Document ‘weigering’ verwijderen' }).focus();
	await page.keyboard.press('Enter');
	const question = page
		.getByRole('status')
		.filter({ hasText: 'Document ‘weigering’ verwijderen?' });
	await expect(question).toBeVisible();
	await expectAccessible(page);
	await question.getByRole('button', { name: 'Ja, document ‘weigering’ verwijderen' }).focus();
	await page.keyboard.press('Enter');
	await expect(
		page.getByRole('status').filter({ hasText: 'Document ‘weigering’ is verwijderd' })
	).toHaveText('Document ‘weigering’ is verwijderd uit het ontwerp.');
	await expect(page.getByRole('region', { name: 'Document ‘weigering’' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Document ‘attest’' })).toBeVisible();
	await expectAccessible(page);

	// A published version: its templates as they are, nothing to edit.
	await page.goto(`/backoffice/processes/${library}`);
	await page.getByRole('link', { name: 'Documenten van versie 1' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Documenten van versie 1' })
	).toBeVisible();
	await expect(page.getByRole('region', { name: 'Document ‘weigering’' })).toBeVisible();
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expectAccessible(page);
});

test('a clerk sets the fee per answer: an amount that is not a number is kept and named, then fixed', async ({
	page
}) => {
	const kaart = `kaart-fee-${Date.now().toString(36)}`;
	await logIn(page, 'clerk');
	await page.goto('/backoffice/processes/bewonerskaart');
	await page.getByLabel('Id van het nieuwe proces').fill(kaart);
	await page.getByRole('button', { name: 'Kopie maken' }).click();
	await expect(page).toHaveURL(new RegExp(`/backoffice/processes/${kaart}\\?created$`));
	await page.getByRole('link', { name: 'Ontwerp bewerken (versie 1)' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Bedrag per antwoord' })).toBeVisible();
	const field = page.getByLabel('Vraag waarvan het bedrag afhangt');
	await expect(field.locator('option:checked')).toHaveText('Voor hoelang?');
	const halfYear = page.getByLabel('Bedrag voor ‘6 maanden’ (euro)');
	await expect(halfYear).toHaveValue('20');
	await expectAccessible(page);

	await halfYear.fill('twintig');
	await page.getByRole('button', { name: 'Bedragen per antwoord bewaren' }).click();
	await saved(page).toBeVisible();
	await expect(halfYear).toHaveValue('twintig');
	await expect(halfYear).toHaveAttribute('aria-invalid', 'true');
	await expect(
		page.getByRole('region', { name: 'Nog op te lossen voor u kunt publiceren' }).getByRole('link')
	).toHaveText('Kostprijs, bedrag per antwoord, ‘halfjaar’: Hier hoort een getal.');
	await expectAccessible(page);

	await halfYear.fill('22,50');
	await page.getByRole('button', { name: 'Bedragen per antwoord bewaren' }).click();
	await saved(page).toBeVisible();
	await expect(halfYear).toHaveValue('22.5');
	await expect(page.getByText('Dit ontwerp heeft geen problemen')).toBeVisible();
});
