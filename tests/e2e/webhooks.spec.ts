// An admin connects another system: adds a webhook for a receiver on this machine, copies the
// secret that is shown once, sends a test event, and sees it delivered in the log, while the
// receiver checks the signature with that secret using the `standardwebhooks` package. Bad input
// is refused field by field, with what was typed kept.
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { expectAccessible } from './axe';
import { errorSummary } from './filing-helpers';
import { logIn } from './users';

test.describe.configure({ timeout: 120_000 });

const RECEIVER_PORT = Number(process.env.E2E_RECEIVER_PORT ?? 4192);

type Received = { id: string; type: string; verified: boolean };

function startReceiver(secret: () => string) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const headers = Object.fromEntries(
				Object.entries(req.headers).map(([k, v]) => [k, String(v)])
			);
			let type = '';
			let verified: boolean;
			try {
				type = (new Webhook(secret()).verify(body, headers) as { type: string }).type;
				verified = true;
			} catch {
				verified = false;
			}
			received.push({ id: headers['webhook-id'] ?? '', type, verified });
			res.writeHead(verified ? 204 : 400).end();
		});
	});
	return { server, received };
}

async function signIn(page: Page): Promise<void> {
	await expect(async () => logIn(page, 'admin')).toPass({ timeout: 60_000 });
}

test('an admin adds a webhook, copies its secret once, and a signed test event is delivered', async ({
	page
}) => {
	let secret = 'whsec_AAAA';
	const receiver = startReceiver(() => secret);
	await new Promise<void>((resolve) => receiver.server.listen(RECEIVER_PORT, '127.0.0.1', resolve));
	try {
		await signIn(page);
		await page.goto('/backoffice');
		await page
			.getByRole('navigation', { name: 'Back-office' })
			.getByRole('link', { name: 'Webhooks', exact: true })
			.click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks');
		await expectAccessible(page);

		// Bad input: no name, an ftp:// address, no event.
		await page.getByLabel('Adres (URL)').fill('ftp://ontvanger.example.be/loket');
		await page.getByRole('button', { name: 'Webhook toevoegen' }).click();
		await expect(errorSummary(page).getByRole('link')).toHaveText([
			'Vul een naam in.',
			'Het adres moet met https:// beginnen (http:// alleen naar localhost of 127.0.0.1).',
			'Kies minstens één gebeurtenis.'
		]);
		await expect(page.getByLabel('Adres (URL)')).toHaveValue('ftp://ontvanger.example.be/loket');
		await expect(page.getByLabel('Naam')).toHaveAttribute('aria-invalid', 'true');
		await expectAccessible(page);

		const name = `Zaaksysteem ${Date.now()}`;
		await page.getByLabel('Naam').fill(name);
		await page.getByLabel('Adres (URL)').fill(`http://127.0.0.1:${RECEIVER_PORT}/loket`);
		await page.getByRole('checkbox', { name: 'Dossier ingediend (dossier.created)' }).check();
		await page.getByRole('button', { name: 'Webhook toevoegen' }).click();
		await expect(page.getByText(`De webhook ${name} is toegevoegd.`)).toBeVisible();
		secret = await page.getByLabel('Geheim om handtekeningen te controleren').inputValue();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
		await expectAccessible(page);

		// Shown once: the list, loaded again, does not hold it.
		await page.goto('/backoffice/webhooks');
		await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
		expect(await page.content()).not.toContain(secret.slice(6));
		await page.getByRole('link', { name }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
		// No test event yet. (Other specs file dossiers meanwhile, and this webhook wants
		// dossier.created: the log need not be empty.)
		const testEvents = page
			.getByRole('table', { name: 'Afleveringen' })
			.getByRole('row')
			.filter({ hasText: 'Testgebeurtenis (webhook.test)' });
		await expect(testEvents).toHaveCount(0);
		expect(await page.content()).not.toContain(secret.slice(6));
		await expectAccessible(page);

		await page.getByRole('button', { name: 'Testgebeurtenis versturen' }).click();
		await expect(page.getByRole('status')).toContainText('De testgebeurtenis staat klaar');
		// The server's outbox worker sends it within a few seconds; reload until the log says so.
		const row = page
			.getByRole('table', { name: 'Afleveringen' })
			.getByRole('row')
			.filter({ hasText: 'Testgebeurtenis (webhook.test)' });
		await expect(async () => {
			await page.reload();
			await expect(row.getByRole('cell').first()).toHaveText('afgeleverd', { timeout: 1000 });
		}).toPass({ timeout: 60_000 });
		await expect(row.getByRole('cell').nth(2)).toHaveText('204');
		// Moments are written as on every back-office page ("6 dec 2026, 10:52:13"), not "6/12/2026".
		await expect(row.getByRole('cell').nth(4)).toHaveText(
			/^\d{1,2} [a-z]{3,4}\.? \d{4}, \d{2}:\d{2}:\d{2}$/
		);
		await expectAccessible(page);

		// The receiver checked the signature with the secret the admin copied.
		const deliveryId = (await row.getByRole('cell').last().textContent())?.trim();
		// (Other specs may file dossiers meanwhile: their dossier.created events come too, signed.)
		expect(receiver.received.filter((r) => r.type === 'webhook.test')).toEqual([
			{ id: deliveryId, type: 'webhook.test', verified: true }
		]);
		expect(receiver.received.every((r) => r.verified)).toBe(true);
	} finally {
		await new Promise((resolve) => receiver.server.close(resolve));
	}
});
