import { describe, expect, it } from 'vitest';
import {
	accountExistsMail,
	dossierMessageMail,
	dossierTransitionedMail,
	escapeHtml,
	inviteMail,
	receiptMail,
	resetPasswordMail,
	siteUrl,
	verifyEmailMail,
	type MailContext
} from './templates';

const nl: MailContext = {
	locale: 'nl',
	municipality: 'Gemeente Proef',
	origin: 'https://loket.proef.be/'
};
const en: MailContext = { ...nl, locale: 'en' };
const fr: MailContext = { ...nl, locale: 'fr' };

/** The href of every link in the HTML. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((x) => x[1]);

describe('mail templates', () => {
	it('verification: Dutch and English, the link to /bevestigen/<token>, text and HTML alike', () => {
		const dutch = verifyEmailMail({ token: 'abc_DEF-123' }, nl);
		expect(dutch.subject).toBe('Bevestig uw e-mailadres · Gemeente Proef');
		expect(dutch.text).toContain('https://loket.proef.be/bevestigen/abc_DEF-123');
		expect(dutch.text).toContain('48 uur');
		expect(dutch.text).toContain('Met vriendelijke groeten\nGemeente Proef');
		expect(hrefs(dutch.html)).toEqual([
			'https://loket.proef.be/bevestigen/abc_DEF-123',
			'https://loket.proef.be/bevestigen/abc_DEF-123'
		]);
		expect(dutch.html).toContain('<html lang="nl">');

		const english = verifyEmailMail({ token: 'abc_DEF-123' }, en);
		expect(english.subject).toBe('Confirm your e-mail address · Gemeente Proef');
		expect(english.text).toContain('48 hours');
		expect(english.html).toContain('<html lang="en">');
	});

	it('someone registered with an existing address: the owner gets a way to sign in and to reset', () => {
		const mail = accountExistsMail(nl);
		expect(mail.subject).toBe(
			'Iemand probeerde een account te maken met uw e-mailadres · Gemeente Proef'
		);
		expect(mail.text).toContain('U hebt al een account met dit adres');
		expect(mail.text).toContain('https://loket.proef.be/wachtwoord-vergeten');
		expect(hrefs(mail.html)).toContain('https://loket.proef.be/aanmelden');
		expect(accountExistsMail(en).subject).toMatch(/^Someone tried to create an account/);
	});

	it('reset: one hour, and "ignore this mail if you did not ask"', () => {
		const mail = resetPasswordMail({ token: 't0k' }, en);
		expect(mail.subject).toBe('Choose a new password · Gemeente Proef');
		expect(mail.text).toContain('https://loket.proef.be/wachtwoord-vergeten/t0k');
		expect(mail.text).toContain('valid for one hour');
		expect(mail.text).toContain('If you did not ask for this, ignore this e-mail');
		expect(resetPasswordMail({ token: 't0k' }, nl).text).toContain('één uur geldig');
	});

	it('invite: who invites, the roles in words, /uitnodiging/<token>, 7 days', () => {
		const mail = inviteMail(
			{ token: 'inv', roles: ['staff', 'admin'], invitedByName: 'Ada Beheer' },
			nl
		);
		expect(mail.text).toContain(
			'Ada Beheer nodigt u uit om mee te werken in het digitaal loket van Gemeente Proef, als medewerker en beheerder.'
		);
		expect(mail.text).toContain('https://loket.proef.be/uitnodiging/inv');
		expect(mail.text).toContain('7 dagen');
		const anonymous = inviteMail({ token: 'inv', roles: ['clerk'] }, en);
		expect(anonymous.text).toContain('You are invited');
		expect(anonymous.text).toContain('as functional administrator.');
	});

	it('receipt: reference, process, decision date in nl-BE, and the tracking link for guests', () => {
		const guest = receiptMail(
			{
				reference: '2026-000042',
				processTitle: 'Terrasvergunning',
				dueDate: '2026-12-24',
				link: { trackingToken: 'trackMe' }
			},
			nl
		);
		expect(guest.subject).toBe('Wij ontvingen uw aanvraag 2026-000042 · Gemeente Proef');
		expect(guest.text).toContain('Wij ontvingen uw aanvraag 2026-000042 voor ‘Terrasvergunning’.');
		expect(guest.text).toContain('uiterlijk op 24 december 2026');
		expect(guest.text).toContain('https://loket.proef.be/volg/trackMe');
		expect(guest.text).toContain('zonder account');

		const owner = receiptMail(
			{
				reference: '2026-000042',
				processTitle: 'Terrace permit',
				dueDate: null,
				link: { reference: '2026-000042' }
			},
			en
		);
		expect(owner.text).toContain('https://loket.proef.be/dossiers/2026-000042');
		expect(owner.text).not.toContain('decision');
		expect(owner.text).not.toContain('/volg/');

		const noLink = receiptMail(
			{ reference: '2026-000042', processTitle: 'X', dueDate: null, link: null },
			en
		);
		expect(hrefs(noLink.html)).toEqual([]);
		expect(noLink.text).toContain('mention the number 2026-000042');
	});

	it('receipt in French: the subject, the text, the date in fr-BE and the tracking link', () => {
		const mail = receiptMail(
			{
				reference: '2026-000042',
				processTitle: 'Permis de terrasse',
				dueDate: '2026-12-24',
				link: { trackingToken: 'trackMe' }
			},
			fr
		);
		expect(mail.subject).toBe('Nous avons bien reçu votre demande 2026-000042 · Gemeente Proef');
		expect(mail.text).toContain(
			'Nous avons bien reçu votre demande 2026-000042 pour « Permis de terrasse ».'
		);
		expect(mail.text).toContain('au plus tard le 24 décembre 2026');
		expect(mail.text).toContain('https://loket.proef.be/volg/trackMe');
		expect(mail.text).toContain('Meilleures salutations\nGemeente Proef');
		expect(mail.html).toContain('<html lang="fr">');
	});

	it('receipt with a fee due: the amount and the transfer with its structured reference', () => {
		const payment = {
			amountCents: 1250,
			iban: 'BE68 5390 0754 7034',
			beneficiary: 'Gemeente Proef',
			structuredReference: '+++090/9337/55493+++'
		};
		const mail = receiptMail(
			{
				reference: '2026-000042',
				processTitle: 'Bewonerskaart',
				dueDate: null,
				link: null,
				payment
			},
			nl
		);
		expect(mail.text.replace(/\s+/g, ' ')).toContain(
			'Te betalen: € 12,50. Schrijf het bedrag over naar rekening BE68 5390 0754 7034 op naam van Gemeente Proef, met de gestructureerde mededeling +++090/9337/55493+++.'
		);
		const free = receiptMail(
			{ reference: '2026-000042', processTitle: 'X', dueDate: null, link: null, payment: null },
			en
		);
		expect(free.text).not.toContain('To pay');
	});

	it('a message: never the message itself; a link for account holders, a hint for guests', () => {
		const owner = dossierMessageMail(
			{ reference: '2026-000007', processTitle: 'Klacht', hasAccount: true },
			nl
		);
		expect(owner.subject).toBe('Nieuw bericht over uw dossier 2026-000007 · Gemeente Proef');
		expect(owner.text).toContain('Lees en beantwoord het in het digitaal loket');
		expect(owner.text).toContain('https://loket.proef.be/dossiers/2026-000007');
		const guest = dossierMessageMail(
			{ reference: '2026-000007', processTitle: 'Complaint', hasAccount: false },
			en
		);
		expect(hrefs(guest.html)).toEqual([]);
		expect(guest.text).toContain('personal link from the receipt e-mail');
	});

	it('a message with files: says how many wait in the dossier, in both languages', () => {
		const mail = (attachments: number, ctx: MailContext) =>
			dossierMessageMail(
				{ reference: '2026-000007', processTitle: 'Klacht', hasAccount: true, attachments },
				ctx
			).text.replace(/\s+/g, ' ');
		expect(mail(1, nl)).toContain('Bij het bericht hoort een bijlage. U vindt ze bij het bericht');
		expect(mail(3, nl)).toContain('Bij het bericht horen 3 bijlagen.');
		expect(mail(1, en)).toContain('The message comes with an attachment.');
		expect(mail(2, en)).toContain('The message comes with 2 attachments.');
		expect(mail(0, nl)).not.toContain('bijlage');
	});

	it('a new state: its citizen label in the subject and its text in the body', () => {
		const mail = dossierTransitionedMail(
			{
				reference: '2026-000009',
				processTitle: 'Evenement',
				statusLabel: 'Goedgekeurd',
				statusText: 'U mag het evenement organiseren.',
				hasAccount: true
			},
			nl
		);
		expect(mail.subject).toBe('2026-000009: Goedgekeurd · Gemeente Proef');
		expect(mail.text).toContain('heeft een nieuwe status: Goedgekeurd.');
		expect(mail.text).toContain('U mag het evenement organiseren.');
	});

	it('escapes every value in the HTML and keeps headers on one line', () => {
		const evil = '<script>alert("x")</script> & \'co\'';
		const mail = dossierTransitionedMail(
			{
				reference: '2026-<b>1</b>',
				processTitle: evil,
				statusLabel: 'Goed\r\nBcc: spam@example.com',
				statusText: '<img src=x onerror=alert(1)>',
				hasAccount: true
			},
			{ ...nl, municipality: 'Gemeente <i>Proef</i> & Co' }
		);
		expect(mail.html).not.toMatch(/<script|<img|<b>|<i>/);
		expect(mail.html).toContain(
			'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;'
		);
		expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(mail.html).toContain('Gemeente &lt;i&gt;Proef&lt;/i&gt; &amp; Co');
		// A value cannot leave its path segment or the site.
		expect(hrefs(mail.html)[0]).toBe('https://loket.proef.be/dossiers/2026-%3Cb%3E1%3C%2Fb%3E');
		expect(mail.subject).not.toMatch(/[\r\n]/);
		// The plain text is plain: nothing is escaped there.
		expect(mail.text).toContain(evil);
	});

	it('builds links under the origin, each segment encoded', () => {
		expect(siteUrl('http://localhost:3000', 'bevestigen', 'a/../b?c')).toBe(
			'http://localhost:3000/bevestigen/a%2F..%2Fb%3Fc'
		);
		expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
	});
});
