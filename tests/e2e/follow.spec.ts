// A citizen follows a complaint from their phone: they register and verify their address with
// the link from the mail, file the complaint, find it in Mijn dossiers; a staff member (made with
// npm run user:add) takes it up and asks for a photo; the citizen sees that the municipality waits
// for them with the deadline paused, answers with the photo, and the clock runs again; staff
// decide and the citizen sees the decision. Nobody else reaches the dossier or its files.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { answerTo, fileComplaint, upload } from './filing-helpers';
import { waitForMail } from './mail';
import { logIn, registerAccount } from './users';

test.describe.configure({ timeout: 300_000 });

const password = 'klachten worden gelezen';
const email = `klager-${Date.now()}@example.be`;
const question = 'Kunt u een foto van de schade aan uw voordeur bezorgen?';

async function newPhone(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

async function registerAndVerify(page: Page, name: string, address: string): Promise<void> {
	await registerAccount(page, { name, email: address, password });
	await expectAccessible(page);
}

const complaint = {
	firstName: 'Karel',
	lastName: 'Klager',
	email,
	what: 'Een vrachtwagen van de stad reed tegen mijn deur.',
	wish: 'Herstel van de deur.'
};

/** The staff member's form for one workflow step, found by its name. */
const step = (page: Page, name: string) => page.getByRole('group', { name, exact: true });

test('a complaint from filing to decision, with a question answered by a photo @smoke', async ({
	browser
}) => {
	const citizen = await newPhone(browser);
	await registerAndVerify(citizen, 'Karel Klager', email);
	const reference = await fileComplaint(citizen, complaint);

	await citizen.getByRole('banner').getByRole('link', { name: 'Mijn dossiers' }).click();
	await expect(citizen.getByRole('heading', { level: 1 })).toHaveText('Mijn dossiers');
	const card = citizen.getByRole('listitem').filter({ hasText: reference });
	await expect(card).toContainText('Ontvangen');
	await expect(card).toContainText('Verwachte beslissing:');
	await expect(card).not.toContainText('Actie nodig');
	await expectAccessible(citizen);

	// Staff take the complaint up and ask for a photo.
	const staff = await newPhone(browser);
	await logIn(staff, 'staff');
	await staff.goto('/backoffice');
	// Among the open dossiers nobody has taken yet, found by the complainant's e-mail address.
	await staff.getByRole('link', { name: 'Nog niet toegewezen' }).click();
	await expect(staff).toHaveURL(/assignee=unassigned/);
	await staff.getByLabel('Zoeken').fill(email);
	await staff.getByRole('button', { name: 'Zoeken', exact: true }).click();
	await expect(staff).toHaveURL(
		(url) =>
			url.searchParams.get('assignee') === 'unassigned' &&
			url.searchParams.get('open') === '1' &&
			url.searchParams.get('q') === email
	);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	await expect(answerTo(staff, 'Wat is er gebeurd?')).toHaveText(
		'Een vrachtwagen van de stad reed tegen mijn deur.'
	);
	await expectAccessible(staff);
	await staff.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(staff.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	await expect(staff.getByLabel('Toewijzen aan')).toHaveValue(/.+/);
	await step(staff, 'Ontvankelijk verklaren').getByRole('button').click();
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Ontvankelijk verklaren.');
	await step(staff, 'Onderzoek starten').getByRole('button').click();
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Onderzoek starten.');
	const ask = step(staff, 'Informatie vragen aan de klager');
	await ask.getByRole('button').click();
	await expect(ask.getByText('Schrijf een toelichting.')).toBeVisible();
	await expectAccessible(staff);
	await ask.getByLabel('Bericht aan de aanvrager (wordt gemaild)').fill(question);
	await ask.getByLabel(/Gevraagde documenten/).fill('Foto van de schade');
	await ask.getByRole('button').click();
	await expect(staff.getByRole('status')).toHaveText(
		'Uitgevoerd: Informatie vragen aan de klager.'
	);
	await expect(staff.getByText(/termijn gepauzeerd sinds/)).toBeVisible();
	const notice = await waitForMail(email, {
		subject: new RegExp(`${reference}: Uw reactie nodig`)
	});
	expect(notice.text).toContain(reference);

	// The citizen sees that the municipality waits for them, with the deadline paused.
	await citizen.goto('/dossiers');
	await expect(card).toContainText('Uw reactie nodig');
	await expect(card).toContainText('Actie nodig');
	await expect(card).toContainText('termijn gepauzeerd');
	await expectAccessible(citizen);
	await card.getByRole('link').click();
	await expect(citizen.getByRole('heading', { level: 1 })).toHaveText(`Aanvraag ${reference}`);
	await expect(answerTo(citizen, 'Stand')).toContainText('Uw reactie nodig');
	await expect(citizen.getByText(/De termijn staat stil zolang we op u wachten/)).toBeVisible();
	await expect(citizen.getByText(question)).toBeVisible();
	await expect(
		citizen.getByRole('listitem').filter({ hasText: /^\s*Foto van de schade –/ })
	).toContainText('nog niet ontvangen');
	await expectAccessible(citizen);

	// Sending nothing is refused next to the field and in the summary.
	await citizen.getByRole('button', { name: 'Versturen' }).click();
	await expect(citizen.getByRole('alert')).toContainText(
		'Schrijf een bericht of voeg een bestand toe.'
	);
	await expectAccessible(citizen);

	await citizen.getByLabel('Document: Foto van de schade').setInputFiles(upload('deur.png'));
	await citizen.getByLabel('Uw bericht').fill('Hierbij de foto van de deur.');
	await citizen.getByRole('button', { name: 'Versturen' }).click();
	await expect(
		citizen.getByRole('status').filter({ hasText: 'Uw bericht' }).filter({ hasNotText: 'wordt' })
	).toHaveText(
		'Uw bericht is verstuurd. We werken verder aan uw aanvraag en de termijn loopt weer.'
	);
	await expect(answerTo(citizen, 'Stand')).toContainText('In onderzoek');
	await expect(citizen.getByText(/De termijn staat stil/)).toHaveCount(0);
	const reply = citizen.getByRole('listitem').filter({ hasText: 'Hierbij de foto van de deur.' });
	await expect(reply).toContainText('Uw bericht');
	const photo = reply.getByRole('link', { name: /deur\.png/ });
	await expect(photo).toBeVisible();
	await expectAccessible(citizen);

	// Staff see the answer and the photo, and decide.
	await staff.reload();
	const answer = staff.getByRole('listitem').filter({ hasText: 'Hierbij de foto van de deur.' });
	await expect(answer).toContainText('Aanvrager');
	// The photo is previewed, from the same guarded address as its download.
	const preview = answer.locator('img');
	await preview.scrollIntoViewIfNeeded();
	await expect
		.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBeGreaterThan(0);
	const download = await staff.request.get(
		(await answer.getByRole('link', { name: /deur\.png/ }).getAttribute('href')) ?? '-'
	);
	expect(download.status()).toBe(200);
	expect(download.headers()['content-type']).toBe('image/png');
	expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="deur\.png"/);
	expect(download.headers()['x-content-type-options']).toBe('nosniff');
	const decide = step(staff, 'Gegrond verklaren');
	await decide
		.getByLabel('Bericht aan de aanvrager (wordt gemaild)')
		.fill('We herstellen uw deur op onze kosten.');
	await decide.getByRole('button').click();
	await expect(staff.getByRole('status')).toHaveText('Uitgevoerd: Gegrond verklaren.');
	await expectAccessible(staff);

	await citizen.reload();
	await expect(answerTo(citizen, 'Stand')).toContainText('Klacht gegrond');
	await expect(citizen.getByText('We herstellen uw deur op onze kosten.')).toBeVisible();
	await expect(citizen.getByText(/Afgehandeld op/)).toBeVisible();
	await expect(citizen.getByRole('button', { name: 'Versturen' })).toHaveCount(0);
	await expectAccessible(citizen);

	// Another citizen gets "not found" for the dossier and its photo; a citizen cannot reach
	// the back-office page of it.
	const photoPath = new URL((await photo.getAttribute('href')) ?? '-', citizen.url()).pathname;
	const staffPath = new URL(staff.url()).pathname;
	const other = await newPhone(browser);
	await registerAndVerify(other, 'Eva Anders', `anders-${Date.now()}@example.be`);
	const page = await other.goto(`/dossiers/${reference}`);
	expect(page?.status()).toBe(404);
	await expectAccessible(other);
	expect((await other.request.get(photoPath)).status()).toBe(404);
	expect((await other.request.get(staffPath, { maxRedirects: 0 })).status()).toBe(403);
	expect((await citizen.request.get(staffPath, { maxRedirects: 0 })).status()).toBe(403);
	const dossierId = staffPath.split('/').pop() ?? '-';
	expect((await other.request.get(`/dossiers/${dossierId}`)).status()).toBe(404);

	// A form posted from another site is refused, even with the citizen's own session.
	const forged = await citizen.request.post(`/dossiers/${reference}?/reply`, {
		multipart: { replyId: crypto.randomUUID(), body: 'vervalst' },
		headers: { origin: 'https://evil.example' }
	});
	expect(forged.status()).toBe(403);
	await citizen.reload();
	await expect(citizen.getByText('vervalst')).toHaveCount(0);

	// After signing out, the old session cookie opens nothing any more.
	const cookies = await citizen.context().cookies();
	await citizen.getByRole('banner').getByRole('button', { name: 'Afmelden' }).click();
	await expect(citizen.getByRole('banner').getByRole('link', { name: 'Aanmelden' })).toBeVisible();
	const replay = await browser.newContext();
	await replay.addCookies(cookies);
	const stale = await replay.request.get(`/dossiers/${reference}`, { maxRedirects: 0 });
	expect(stale.status()).toBe(303);
	await replay.close();

	const anonymous = await browser.newContext();
	const away = await anonymous.request.get(`/dossiers/${reference}`, { maxRedirects: 0 });
	expect(away.status()).toBe(303);
	expect(away.headers()['location']).toBe(`/aanmelden?next=%2Fdossiers%2F${reference}`);
});

test('two staff members act on one dossier: the second gets the conflict, nothing is doubled', async ({
	browser
}) => {
	const citizen = await newPhone(browser);
	await registerAndVerify(citizen, 'Dirk Dubbel', `dubbel-${Date.now()}@example.be`);
	const reference = await fileComplaint(citizen, complaint);

	const first = await newPhone(browser);
	await logIn(first, 'staff');
	await first.goto('/backoffice');
	await first.getByRole('link', { name: reference }).click();
	// The second tab opens the dossier's own address, once the first has got there.
	await expect(first.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);
	const second = await first.context().newPage();
	await second.goto(first.url());
	await expect(second.getByRole('heading', { level: 1 })).toHaveText(`Dossier ${reference}`);

	await step(first, 'Ontvankelijk verklaren').getByRole('button').click();
	await expect(first.getByRole('status')).toHaveText('Uitgevoerd: Ontvankelijk verklaren.');
	await step(second, 'Doorsturen naar de bevoegde instantie')
		.getByLabel('Bericht aan de aanvrager (wordt gemaild)')
		.fill('Dit is voor de politie.');
	await step(second, 'Doorsturen naar de bevoegde instantie').getByRole('button').click();
	await expect(second.getByRole('alert')).toContainText(
		'Dit dossier is intussen gewijzigd door Stijn Balie'
	);
	// Beside the actions the user took, with focus, not at the top of the page out of view.
	await expect(second.getByRole('alert')).toBeFocused();
	await expect(second.getByRole('alert')).toBeInViewport();
	await expectAccessible(second);
	await second.getByRole('link', { name: 'Pagina opnieuw laden' }).click();
	await expect(answerTo(second, 'Status')).toHaveText('Ontvankelijk');
	await expect(second.getByRole('listitem').filter({ hasText: 'Nieuwe stand' })).toHaveCount(1);
});

test('without JavaScript, what taking or assigning a dossier did is shown beside that form, focused', async ({
	browser
}) => {
	const guest = await newPhone(browser);
	const reference = await fileComplaint(guest, complaint);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const first = await context.newPage();
	await logIn(first, 'staff');
	await first.goto('/backoffice');
	await first.getByRole('link', { name: reference }).click();
	const second = await context.newPage();
	await second.goto(first.url());

	await first.getByRole('button', { name: 'Ik neem dit dossier' }).click();
	await expect(first.getByRole('status')).toHaveText('Toegewezen aan Stijn Balie.');
	await expect(first.getByRole('status')).toBeFocused();
	await expect(first.getByRole('status')).toBeInViewport();

	// The second page still shows the dossier before that: a conflict, beside the assign form.
	await second.getByLabel('Toewijzen aan').selectOption({ label: 'niemand (vrijgeven)' });
	await second.getByRole('button', { name: 'Toewijzen', exact: true }).click();
	const alert = second.getByRole('alert');
	await expect(alert).toContainText('Dit dossier is intussen gewijzigd door Stijn Balie');
	await expect(alert).toBeFocused();
	await expect(alert).toBeInViewport();
	// (axe needs JavaScript: the same page is checked with it in the test above.)
	await context.close();
});
