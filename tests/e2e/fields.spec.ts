// What a citizen sees of single fields: going back to a page shows the answers as the server
// keeps them (a national number typed without dots comes back written 85.07.30-033.28, not as
// the raw typing the device kept), and each part of an address has its own length limit, said
// at that part.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './axe';
import { typedOnDevice } from './device';
import {
	errorSummary,
	expectStep,
	fillPremieApplicant,
	openPremie,
	premie,
	pressContinue
} from './filing-helpers';

test.describe.configure({ timeout: 120_000 });

test('back to a page, the answers are shown as saved: the national number written with its dots, not as typed', async ({
	page
}) => {
	await openPremie(page);
	await fillPremieApplicant(page);
	// The device keeps the raw typing as it is typed…
	await expect
		.poll(async () => (await typedOnDevice(page, 'premie-hemelwaterput'))?.rijksregisternummer)
		.toBe('85073003328');
	await pressContinue(page);
	await expectStep(page, `${premie}/werken`, 'De werken');

	// …but once the server has the answer, going back shows the answer as the server keeps it.
	await page.goBack();
	await expectStep(page, `${premie}/aanvrager`, 'Aanvrager');
	const nationalNumber = page.getByLabel('Rijksregisternummer');
	await expect(nationalNumber).toHaveValue('85.07.30-033.28');
	await expect(
		page.getByText('We hebben teruggezet wat u op dit toestel had ingevuld')
	).toHaveCount(0);
	await expectAccessible(page);
	// Still so once the device has put back whatever it kept.
	await expect(page.locator('[data-device="ready"]')).toHaveCount(1);
	await expect(nationalNumber).toHaveValue('85.07.30-033.28');

	// Typing that the server does not have yet is still put back after a reload.
	await page.getByLabel('Voornaam').fill('Sofia');
	await expect
		.poll(async () => (await typedOnDevice(page, 'premie-hemelwaterput'))?.voornaam)
		.toBe('Sofia');
	await page.reload();
	await expect(
		page.getByText('We hebben teruggezet wat u op dit toestel had ingevuld')
	).toBeVisible();
	await expect(page.getByLabel('Voornaam')).toHaveValue('Sofia');
	await expect(nationalNumber).toHaveValue('85.07.30-033.28');
});

test('each part of an address has its own limit: the input stops at it, and a longer part is named at that part', async ({
	page
}) => {
	await openPremie(page);
	await fillPremieApplicant(page);
	await pressContinue(page);
	await expectStep(page, `${premie}/werken`, 'De werken');
	const address = page.getByRole('group', { name: 'Adres waar de werken zijn uitgevoerd' });
	const limits = { Straat: '200', Huisnummer: '10', Bus: '10', Postcode: '6', Gemeente: '100' };
	for (const [label, max] of Object.entries(limits))
		await expect(address.getByLabel(label), label).toHaveAttribute('maxlength', max);
	const number = address.getByLabel('Huisnummer');
	await number.pressSequentially('12345678901234');
	await expect(number).toHaveValue('1234567890');
	await expectAccessible(page);

	// A browser that ignores maxlength (or a pasted value): the message is at the house number.
	await number.evaluate((input: HTMLInputElement) => {
		input.removeAttribute('maxlength');
	});
	await number.fill('12345678901');
	await address.getByLabel('Straat').fill('Molenstraat');
	await address.getByLabel('Postcode').fill('2800');
	await address.getByLabel('Gemeente').fill('Mechelen');
	await pressContinue(page);
	const tooLong =
		'‘Huisnummer’ van ‘Adres waar de werken zijn uitgevoerd’ mag hoogstens 10 tekens lang zijn.';
	await expect(errorSummary(page).getByRole('link', { name: tooLong })).toBeVisible();
	await expect(number).toHaveAccessibleDescription(`Fout: ${tooLong}`);
	await expect(number).toHaveAttribute('aria-invalid', 'true');
	await expect(address.getByLabel('Straat')).not.toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
});
