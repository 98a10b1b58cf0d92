// The e-mails Loket sends, as pure functions: given what a mail is about and its context (language,
// municipality, the site's address) they return the subject, a plain-text body and a simple,
// accessible HTML body. Texts are Paraglide messages in the recipient's language. Every value that
// reaches the HTML is escaped; links are built here from tokens and references only.
import { formatDate, formatList, formatMoney, m, type Locale } from '$lib/i18n';
import type { Role } from '$lib/process/workflow';

export type MailContext = {
	locale: Locale;
	/** The municipality's name, as shown on the site. */
	municipality: string;
	/** The site's public address, e.g. https://loket.gemeente.be (no trailing slash needed). */
	origin: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

/** A mail's content before it is written out as text and HTML. */
type MailContent = {
	subject: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	after?: string[];
};

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** An absolute link on the site; each path segment is encoded, so a value cannot change the path. */
export function siteUrl(origin: string, ...segments: string[]): string {
	return `${origin.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

/** One line: a header may not contain line breaks, whatever a definition's label holds. */
function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

function renderText(c: MailContent, ctx: MailContext): string {
	const blocks = [...c.paragraphs];
	if (c.action) blocks.push(`${c.action.label}:\n${c.action.url}`);
	blocks.push(...(c.after ?? []));
	blocks.push(`${m.mailSignOff({}, { locale: ctx.locale })}\n${ctx.municipality}`);
	blocks.push(`-- \n${m.mailFooter({ municipality: ctx.municipality }, { locale: ctx.locale })}`);
	return `${blocks.join('\n\n')}\n`;
}

const style = {
	body: 'margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
	sender: 'margin:0 0 16px;font-weight:bold;font-size:18px',
	button:
		'display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:4px',
	link: 'color:#1d4ed8;word-break:break-all',
	footer:
		'margin-top:32px;padding-top:16px;border-top:1px solid #6b6b6b;color:#4a4a4a;font-size:14px'
};

function renderHtml(c: MailContent, ctx: MailContext): string {
	const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
	const parts = [
		`<p style="${style.sender}">${escapeHtml(ctx.municipality)}</p>`,
		...c.paragraphs.map(p)
	];
	if (c.action) {
		const url = escapeHtml(c.action.url);
		parts.push(
			`<p><a href="${url}" style="${style.button}">${escapeHtml(c.action.label)}</a></p>`,
			`<p>${escapeHtml(m.mailLinkFallback({}, { locale: ctx.locale }))}<br><a href="${url}" style="${style.link}">${url}</a></p>`
		);
	}
	parts.push(...(c.after ?? []).map(p));
	parts.push(
		`<p>${escapeHtml(m.mailSignOff({}, { locale: ctx.locale }))}<br>${escapeHtml(ctx.municipality)}</p>`,
		`<p style="${style.footer}">${escapeHtml(m.mailFooter({ municipality: ctx.municipality }, { locale: ctx.locale }))}</p>`
	);
	return [
		'<!doctype html>',
		`<html lang="${ctx.locale}">`,
		'<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
		`<title>${escapeHtml(c.subject)}</title></head>`,
		`<body style="${style.body}">`,
		'<div style="max-width:600px;margin:0 auto">',
		...parts,
		'</div>',
		'</body>',
		'</html>',
		''
	].join('\n');
}

function render(c: MailContent, ctx: MailContext): RenderedMail {
	const content = { ...c, subject: oneLine(c.subject) };
	return {
		subject: content.subject,
		text: renderText(content, ctx),
		html: renderHtml(content, ctx)
	};
}

/** After registration: confirm the address (link /bevestigen/<token>, 48 hours). */
export function verifyEmailMail(p: { token: string }, ctx: MailContext): RenderedMail {
	const { locale, municipality } = ctx;
	return render(
		{
			subject: m.mailVerifySubject({ municipality }, { locale }),
			paragraphs: [m.mailVerifyIntro({ municipality }, { locale })],
			action: {
				label: m.mailVerifyAction({}, { locale }),
				url: siteUrl(ctx.origin, 'bevestigen', p.token)
			},
			after: [m.mailVerifyValidity({}, { locale })]
		},
		ctx
	);
}

/**
 * Someone tried to register with an address that has an account: the owner is told, with a way to
 * sign in and one to choose a new password. The registration page said nothing of it.
 */
export function accountExistsMail(ctx: MailContext): RenderedMail {
	const { locale, municipality } = ctx;
	return render(
		{
			subject: m.mailExistsSubject({ municipality }, { locale }),
			paragraphs: [m.mailExistsIntro({ municipality }, { locale })],
			action: { label: m.mailExistsAction({}, { locale }), url: siteUrl(ctx.origin, 'aanmelden') },
			after: [
				m.mailExistsReset({ url: siteUrl(ctx.origin, 'wachtwoord-vergeten') }, { locale }),
				m.mailExistsNotYou({}, { locale })
			]
		},
		ctx
	);
}

/** A forgotten password: choose a new one (link /wachtwoord-vergeten/<token>, one hour). */
export function resetPasswordMail(p: { token: string }, ctx: MailContext): RenderedMail {
	const { locale, municipality } = ctx;
	return render(
		{
			subject: m.mailResetSubject({ municipality }, { locale }),
			paragraphs: [m.mailResetIntro({ municipality }, { locale })],
			action: {
				label: m.mailResetAction({}, { locale }),
				url: siteUrl(ctx.origin, 'wachtwoord-vergeten', p.token)
			},
			after: [m.mailResetValidity({}, { locale })]
		},
		ctx
	);
}

const roleMessages: Record<Role, (i: Record<string, never>, o: { locale: Locale }) => string> = {
	citizen: m.backofficeRoleCitizen,
	staff: m.backofficeRoleStaff,
	clerk: m.backofficeRoleClerk,
	admin: m.backofficeRoleAdmin
};

function roleName(role: string, locale: Locale): string {
	return role in roleMessages ? roleMessages[role as Role]({}, { locale }) : role;
}

/** A staff, clerk or admin account made for someone: set a password (link /uitnodiging/<token>, 7 days). */
export function inviteMail(
	p: { token: string; roles: string[]; invitedByName?: string | null },
	ctx: MailContext
): RenderedMail {
	const { locale, municipality } = ctx;
	const roles = formatList(
		p.roles.map((r) => roleName(r, locale)),
		locale
	);
	const inviter = p.invitedByName?.trim();
	return render(
		{
			subject: m.mailInviteSubject({ municipality }, { locale }),
			paragraphs: [
				inviter
					? m.mailInviteIntro({ inviter, municipality, roles }, { locale })
					: m.mailInviteIntroAnonymous({ municipality, roles }, { locale }),
				m.mailInviteValidity({}, { locale })
			],
			action: {
				label: m.mailInviteAction({}, { locale }),
				url: siteUrl(ctx.origin, 'uitnodiging', p.token)
			}
		},
		ctx
	);
}

/** Where a citizen follows a dossier: the guest's tracking link, or the dossier in their account. */
export type DossierLink = { trackingToken: string } | { reference: string } | null;

function dossierAction(link: DossierLink, label: string, ctx: MailContext) {
	if (!link) return undefined;
	return 'trackingToken' in link
		? { label, url: siteUrl(ctx.origin, 'volg', link.trackingToken) }
		: { label, url: siteUrl(ctx.origin, 'dossiers', link.reference) };
}

export type ReceiptPayment = {
	amountCents: number;
	iban: string;
	beneficiary: string;
	structuredReference: string;
};

/** What is still to pay, and how to transfer it. */
function paymentParagraph(payment: ReceiptPayment, locale: Locale): string {
	return m.mailReceiptPayment(
		{
			amount: formatMoney(payment.amountCents / 100, locale),
			iban: payment.iban,
			beneficiary: payment.beneficiary,
			reference: payment.structuredReference
		},
		{ locale }
	);
}

/** The receipt of a submitted request, with the expected decision date and where to follow it. */
export function receiptMail(
	p: {
		reference: string;
		processTitle: string;
		dueDate: string | null;
		link: DossierLink;
		/** What is due at filing, and how to pay it by transfer (the dossier page has the QR code). */
		payment?: ReceiptPayment | null;
	},
	ctx: MailContext
): RenderedMail {
	const { locale, municipality } = ctx;
	const { reference } = p;
	const paragraphs: string[] = [
		m.mailReceiptIntro({ reference, process: p.processTitle }, { locale })
	];
	if (p.dueDate)
		paragraphs.push(m.mailReceiptDue({ date: formatDate(p.dueDate, locale) }, { locale }));
	if (p.payment) paragraphs.push(paymentParagraph(p.payment, locale));
	const after =
		p.link === null
			? [m.mailReceiptNoLink({ reference }, { locale })]
			: 'trackingToken' in p.link
				? [m.mailReceiptTrackHint({}, { locale })]
				: [];
	const label =
		p.link && 'trackingToken' in p.link
			? m.mailReceiptTrackAction({}, { locale })
			: m.mailDossierAction({}, { locale });
	return render(
		{
			subject: m.mailReceiptSubject({ reference, municipality }, { locale }),
			paragraphs,
			action: dossierAction(p.link, label, ctx),
			after
		},
		ctx
	);
}

/**
 * The municipality wrote to the citizen. The message itself is never in the mail (mail is not a
 * private channel): the citizen reads it in Loket, signed in, or through the receipt's link.
 */
export function dossierMessageMail(
	p: {
		reference: string;
		processTitle: string;
		hasAccount: boolean;
		/** How many files came with the message: named, never attached to the mail. */
		attachments?: number;
	},
	ctx: MailContext
): RenderedMail {
	const { locale, municipality } = ctx;
	const { reference } = p;
	const count = p.attachments ?? 0;
	return render(
		{
			subject: m.mailMessageSubject({ reference, municipality }, { locale }),
			paragraphs: [
				m.mailMessageIntro({ municipality, reference, process: p.processTitle }, { locale }),
				...(count > 0 ? [m.mailMessageAttachments({ count }, { locale })] : [])
			],
			action: p.hasAccount
				? dossierAction({ reference }, m.mailDossierAction({}, { locale }), ctx)
				: undefined,
			after: p.hasAccount ? [] : [m.mailGuestTrackingHint({}, { locale })]
		},
		ctx
	);
}

/** The dossier moved to another state: its citizen label and what it means for them. */
export function dossierTransitionedMail(
	p: {
		reference: string;
		processTitle: string;
		statusLabel: string;
		statusText: string;
		hasAccount: boolean;
		/** Titles of the documents this step issued: they wait in the dossier, not in the mail. */
		documents?: string[];
		/** Still to pay (e.g. asked for by this step), and how. */
		payment?: ReceiptPayment | null;
	},
	ctx: MailContext
): RenderedMail {
	const { locale, municipality } = ctx;
	const { reference } = p;
	const status = oneLine(p.statusLabel);
	const documents = (p.documents ?? []).map(oneLine);
	return render(
		{
			subject: m.mailStatusSubject({ reference, status, municipality }, { locale }),
			paragraphs: [
				m.mailStatusIntro({ reference, process: p.processTitle, status }, { locale }),
				p.statusText,
				...(documents.length > 0
					? [m.documentMailReady({ titles: formatList(documents, locale) }, { locale })]
					: []),
				...(p.payment ? [paymentParagraph(p.payment, locale)] : [])
			],
			action: p.hasAccount
				? dossierAction({ reference }, m.mailDossierAction({}, { locale }), ctx)
				: undefined,
			after: p.hasAccount ? [] : [m.mailGuestTrackingHint({}, { locale })]
		},
		ctx
	);
}

/**
 * A member of staff's daily e-mail: the dossiers newly assigned to them, those where the citizen
 * replied, and those due within two working days, each by reference; one button to their inbox.
 * References only: what a dossier is about stays in the back-office.
 */
export function staffDigestMail(
	p: {
		name: string;
		assigned: { reference: string }[];
		replied: { reference: string }[];
		due: { reference: string }[];
	},
	ctx: MailContext
): RenderedMail {
	const { locale, municipality } = ctx;
	const list = (items: { reference: string }[]) => items.map((i) => i.reference).join(', ');
	const paragraphs = [m.mailDigestHello({ name: p.name || '' }, { locale })];
	if (p.assigned.length > 0)
		paragraphs.push(
			m.mailDigestAssigned({ count: p.assigned.length, list: list(p.assigned) }, { locale })
		);
	if (p.replied.length > 0)
		paragraphs.push(
			m.mailDigestReplied({ count: p.replied.length, list: list(p.replied) }, { locale })
		);
	if (p.due.length > 0)
		paragraphs.push(m.mailDigestDue({ count: p.due.length, list: list(p.due) }, { locale }));
	return render(
		{
			subject: m.mailDigestSubject({ municipality }, { locale }),
			paragraphs,
			action: {
				label: m.mailDigestAction({}, { locale }),
				url: `${siteUrl(ctx.origin, 'backoffice')}?assignee=mine&open=1`
			},
			after: [m.mailDigestOff({ url: siteUrl(ctx.origin, 'mijn-account') }, { locale })]
		},
		ctx
	);
}
