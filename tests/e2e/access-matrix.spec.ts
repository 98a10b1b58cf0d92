// Who may do what, for every route in src/routes: each page (GET), each endpoint with each method
// it exports, and each named form action (POST ?/name), tried as a visitor, a citizen (A), another
// citizen (B), staff, a clerk and an admin, on real data: A's complaint with a photo, a guest's
// complaint with its tracking link, a clerk's draft of the complaint form. The route list is read
// from src/routes, so a new route, method or action without a row in `expected` fails the first
// test until someone decides who may use it.
//
// Writes post a harmless form ({ anything: 'x' }): for those who may not use the action the answer
// must be a refusal (login, 403, 404); for those who may, the action's own refusal of a bad form
// (400, 409) shows it was reached. The actions that would change the data for later cells either
// undo themselves (retire then reopen) or are logout, which runs last.
//
// Addresses that moved (src/lib/moved-paths.ts) are not routes any more: each cell whose route has
// an old address is tried there too, by everyone, and must answer 308 to the new address (with the
// form action's query) before any guard, whoever asks.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { MOVED_PATHS } from '../../src/lib/moved-paths';
import { fileComplaint, upload } from './filing-helpers';
import { mailDir } from './mail';
import { e2eUsers, logIn } from './users';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const routesDir = join(import.meta.dirname, '..', '..', 'src', 'routes');

const WHO = ['anonymous', 'citizen', 'otherCitizen', 'staff', 'clerk', 'admin'] as const;
type Who = (typeof WHO)[number];

/** A request that the route tree allows: "GET /p/[processId]", "POST /mijn-account?/close", … */
type Cell = { key: string; method: string; route: string; action: string | null };

/**
 * Every page, every method of every endpoint and every form action under src/routes, with the
 * groups taken out of the route id, in a fixed order (by route, then as written in the source).
 */
export function listRequests(): Cell[] {
	const cells: Cell[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		const route = `/${relative(routesDir, dir)}`
			.replace(/\/\([^)]+\)/g, '')
			.replace(/=\w+\]/g, ']')
			.replace(/\/$/, '');
		const id = route === '' ? '/' : route;
		const add = (method: string, action: string | null = null) =>
			cells.push({
				key: `${method} ${id}${action === null ? '' : action === 'default' ? '' : `?/${action}`}`,
				method,
				route: id,
				action
			});
		const files = entries.filter((e) => e.isFile()).map((e) => e.name);
		if (files.some((f) => /^\+page(@[^.]*)?\.(svelte|ts|server\.ts)$/.test(f))) add('GET');
		if (files.includes('+page.server.ts')) {
			const source = readFileSync(join(dir, '+page.server.ts'), 'utf8');
			const actions = source.split('export const actions')[1];
			if (actions) for (const m of actions.matchAll(/^\t(\w+): /gm)) add('POST', m[1]);
		}
		if (files.includes('+server.ts')) {
			const source = readFileSync(join(dir, '+server.ts'), 'utf8');
			for (const m of source.matchAll(
				/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD|fallback)\b/gm
			))
				add(m[1]);
		}
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
	};
	walk(routesDir);
	return cells.sort((a, b) => (a.route === b.route ? 0 : a.route < b.route ? -1 : 1));
}

/**
 * The route's old address (its moved prefix put back, `*` matching a [param]), or null when it
 * never moved.
 */
export function oldRoute(route: string): string | null {
	const segments = route.split('/').slice(1);
	let best: { length: number; old: string } | null = null;
	for (const [from, to] of MOVED_PATHS) {
		const prefix = to.split('/').slice(1);
		const matches =
			prefix.length <= segments.length &&
			prefix.every((p, i) => (p === '*' ? /^\[.+\]$/.test(segments[i] ?? '') : p === segments[i]));
		if (!matches || (best && best.length >= prefix.length)) continue;
		const params = segments.filter((_, i) => prefix[i] === '*');
		const head = from
			.split('/')
			.slice(1)
			.map((p) => (p === '*' ? (params.shift() ?? p) : p));
		best = {
			length: prefix.length,
			old: ['', ...head, ...segments.slice(prefix.length)].join('/')
		};
	}
	return best?.old ?? null;
}

const actionQuery = (action: string | null) =>
	action === null || action === 'default' ? '' : `?/${action}`;

// How a cell is written: the status, and for a redirect where it leads ("login" = the login page,
// coming back to the same address afterwards). Concrete ids are written back as [name].
type Row = Record<Who, string>;
const row = (
	anonymous: string,
	citizen: string,
	otherCitizen: string,
	staff: string,
	clerk: string,
	admin: string
): Row => ({ anonymous, citizen, otherCitizen, staff, clerk, admin });
const all = (s: string) => row(s, s, s, s, s, s);
/** Anyone signed in gets `s`, a visitor `visitor`. */
const signedInElse = (s: string, visitor: string) => row(visitor, s, s, s, s, s);
/** Signed in: anyone with an account gets `s`, a visitor the login page. */
const signedIn = (s: string) => row('303 login', s, s, s, s, s);
/** The back office: a visitor logs in, citizens get 403, the given roles get `s`, others 403. */
function backoffice(roles: ('staff' | 'clerk' | 'admin')[], s: string): Row {
	const r = (who: 'staff' | 'clerk' | 'admin') => (roles.includes(who) ? s : '403');
	return row('303 login', '403', '403', r('staff'), r('clerk'), r('admin'));
}
const handlers = ['staff', 'admin'] as ('staff' | 'clerk' | 'admin')[];
const clerks = ['clerk', 'admin'] as ('staff' | 'clerk' | 'admin')[];
const admins = ['admin'] as ('staff' | 'clerk' | 'admin')[];

const expected: Record<string, Row> = {
	// Public pages and endpoints.
	'GET /': all('200'),
	'GET /concepten': all('200'),
	'GET /concepten/formulier': all('200'),
	'GET /healthz': all('200'),
	'GET /manifest.webmanifest': all('200'),
	'GET /offline': all('200'),
	// The API reference: public, like openapi.json.
	'GET /api/v1/docs': all('200'),
	'GET /toegankelijkheid': all('200'),
	'POST /taal': all('303 /'),
	'GET /p/[processId]': all('200'),
	'GET /p/[processId]/formulier.json': all('200'),
	// Open data: how long the process took (public, like the product page).
	'GET /p/[processId]/doorlooptijden.json': all('200'),
	'GET /p/[processId]/doorlooptijden.csv': all('200'),
	// The mid-office API: only a bearer token counts, never a session (so 401 for everyone here;
	// tests/integration/api.test.ts has every endpoint with every kind of token).
	'GET /api/v1/openapi.json': all('200'),
	'GET /api/v1/dossiers': all('401'),
	'POST /api/v1/dossiers': all('401'),
	'GET /api/v1/dossiers/[id]': all('401'),
	'POST /api/v1/dossiers/[id]/attachments': all('401'),
	'POST /api/v1/dossiers/[id]/assignment': all('401'),
	'GET /api/v1/dossiers/[id]/attachments/[attachmentId]': all('401'),
	'GET /api/v1/dossiers/[id]/documents/[documentId]': all('401'),
	'POST /api/v1/dossiers/[id]/transitions': all('401'),
	'POST /api/v1/dossiers/[id]/messages': all('401'),
	'GET /api/v1/processes': all('401'),
	'GET /api/v1/processes/[id]/versions/[version]': all('401'),
	'GET /api/v1/[...rest]': all('404'),
	'POST /api/v1/[...rest]': all('404'),
	// The application form of a process that needs an account (adreswijziging).
	'GET /p/[processId]/aanvragen': signedIn('303 /p/[processId]/aanvragen/[pageId]'),
	// The row above opened a draft for those signed in; a visitor has none and starts over. The
	// draft is not complete (no check page yet), and a post with unknown fields or without the
	// draft's submission id is refused.
	'GET /p/[processId]/aanvragen/[pageId]': signedInElse('200', '303 /p/[processId]/aanvragen'),
	'POST /p/[processId]/aanvragen/[pageId]': signedInElse('400', '303 /p/[processId]/aanvragen'),
	'GET /p/[processId]/aanvragen/controle': signedInElse(
		'303 /p/[processId]/aanvragen/[pageId]',
		'303 /p/[processId]/aanvragen'
	),
	'POST /p/[processId]/aanvragen/controle?/submit': signedInElse(
		'409',
		'303 /p/[processId]/aanvragen'
	),
	'POST /p/[processId]/aanvragen/verzenden': row('401', '400', '400', '400', '400', '400'),
	// The receipt of A's complaint: only in the browser that filed it.
	'GET /p/[processId]/aanvragen/ontvangen': row(
		'303 /p/[processId]',
		'200',
		'303 /p/[processId]',
		'303 /p/[processId]',
		'303 /p/[processId]',
		'303 /p/[processId]'
	),
	'GET /p/[processId]/aanvragen/ontvangen/ontvangstbewijs.pdf': row(
		'404',
		'200',
		'404',
		'404',
		'404',
		'404'
	),
	// Accounts.
	'GET /aanmelden': row('200', '303 /', '303 /', '303 /', '303 /', '303 /'),
	// A refused form is shown with the page, whose load sends the signed-in home.
	'POST /aanmelden': signedInElse('303 /', '400'),
	// Sign-in through an identity provider: this server has none configured, so there is no such
	// provider (tests/integration/oidc.test.ts signs in through a real one).
	'POST /aanmelden/[provider]': all('404'),
	'GET /aanmelden/[provider]/terug': all('404'),
	// The provider's server posting a logout token (back-channel logout): no such provider either.
	'POST /aanmelden/[provider]/afmelden': all('404'),
	'GET /registreren': row('200', '303 /', '303 /', '303 /', '303 /', '303 /'),
	'POST /registreren': signedInElse('303 /', '400'),
	'GET /wachtwoord-vergeten': all('200'),
	'POST /wachtwoord-vergeten': all('400'),
	'GET /wachtwoord-vergeten/[token]': all('200'),
	'POST /wachtwoord-vergeten/[token]': all('400'),
	// Sends the verification mail again: the same answer for everyone, an empty form refused.
	'GET /bevestigen': all('200'),
	'POST /bevestigen': all('400'),
	'GET /bevestigen/[token]': all('200'),
	'POST /bevestigen/[token]': all('400'),
	'GET /uitnodiging/[token]': all('200'),
	'POST /uitnodiging/[token]': all('400'),
	'GET /installeren': all('404'),
	'POST /installeren?/create': all('404'),
	'GET /mijn-account': signedIn('200'),
	'POST /mijn-account?/changePassword': signedIn('400'),
	'POST /mijn-account?/close': signedIn('400'),
	'POST /mijn-account?/claim': signedIn('200'),
	'POST /mijn-account?/digest': backoffice(['staff'], '200'),
	// Ends every session of the account, so it is tried last but one (before /afmelden).
	'POST /mijn-account?/signOutEverywhere': signedIn('303 /aanmelden'),
	'GET /mijn-account/afgesloten': all('200'),
	// What Loket holds about the signed-in person, and its package: only ever their own (the
	// service selects by the session's account; my-data.test.ts proves another's is absent).
	'GET /mijn-gegevens': signedIn('200'),
	'GET /mijn-gegevens/download': signedIn('200'),
	'POST /afmelden': all('303 /'),
	// A's dossier: A only; for everyone else it does not exist.
	'GET /dossiers': signedIn('200'),
	'GET /dossiers/[ref]': row('303 login', '200', '404', '404', '404', '404'),
	'POST /dossiers/[ref]?/reply': row('303 login', '400', '404', '404', '404', '404'),
	'POST /dossiers/[ref]?/withdraw': row('303 login', '400', '404', '404', '404', '404'),
	'GET /dossiers/[ref]/bestanden/[fileId]': row('303 login', '200', '404', '404', '404', '404'),
	// An issued document of the dossier (the matrix's dossier has none: an unknown id is not found
	// even for its owner; documents.spec.ts downloads real ones).
	'GET /dossiers/[ref]/documenten/[documentId]': row(
		'303 login',
		'404',
		'404',
		'404',
		'404',
		'404'
	),
	// Notifications of one's own account.
	'GET /push': signedIn('200'),
	'POST /push': signedIn('400'),
	'DELETE /push': signedIn('400'),
	// The guest's tracking link: whoever holds it.
	'GET /volg/[token]': all('200'),
	'POST /volg/[token]?/reply': all('400'),
	'POST /volg/[token]?/withdraw': all('400'),
	'GET /volg/[token]/bestanden/[fileId]': all('200'),
	'GET /volg/[token]/documenten/[documentId]': all('404'),
	'GET /volg/[token]/push': all('200'),
	'POST /volg/[token]/push': all('400'),
	'DELETE /volg/[token]/push': all('400'),
	// The back office.
	'GET /backoffice': backoffice(['staff', 'clerk', 'admin'], '200'),
	'POST /backoffice?/saveFilter': backoffice(handlers, '400'),
	'POST /backoffice?/deleteFilter': backoffice(handlers, '303 /backoffice'),
	'POST /backoffice?/bulk': backoffice(handlers, '400'),
	'GET /backoffice/export.csv': backoffice(handlers, '200'),
	'POST /backoffice/export.csv': backoffice(handlers, '200'),
	'GET /backoffice/overview': backoffice(handlers, '200'),
	'GET /backoffice/overview.csv': backoffice(handlers, '200'),
	'GET /backoffice/dossiers/[id]': backoffice(handlers, '200'),
	// Without the dossier's version: a conflict, nothing changes.
	'POST /backoffice/dossiers/[id]?/transition': backoffice(handlers, '409'),
	'POST /backoffice/dossiers/[id]?/assign': backoffice(handlers, '409'),
	'POST /backoffice/dossiers/[id]?/message': backoffice(handlers, '400'),
	// Without a note: refused before anything is read.
	'POST /backoffice/dossiers/[id]?/handOver': backoffice(handlers, '400'),
	'GET /backoffice/dossiers/[id]/bestanden/[fileId]': backoffice(handlers, '200'),
	// Legal hold: a hold without a reason is refused; lifting a hold that is not there is a conflict.
	'GET /backoffice/dossiers/[id]/bewaring': backoffice(handlers, '200'),
	'POST /backoffice/dossiers/[id]/bewaring?/place': backoffice(handlers, '400'),
	'POST /backoffice/dossiers/[id]/bewaring?/lift': backoffice(handlers, '409'),
	'GET /backoffice/dossiers/[id]/documenten/[documentId]': backoffice(handlers, '404'),
	// Filing a request for a citizen (intake): an empty start form is refused; the dossier's id is
	// no intake of theirs, so its pages do not exist for them.
	'GET /backoffice/intake': backoffice(handlers, '200'),
	'POST /backoffice/intake?/start': backoffice(handlers, '400'),
	// Dropping an intake: an empty post names none of theirs.
	'POST /backoffice/intake?/discard': backoffice(handlers, '404'),
	'GET /backoffice/intake/[id]': backoffice(handlers, '404'),
	'GET /backoffice/intake/[id]/[pageId]': backoffice(handlers, '404'),
	'POST /backoffice/intake/[id]/[pageId]': backoffice(handlers, '404'),
	'GET /backoffice/intake/[id]/controle': backoffice(handlers, '404'),
	'POST /backoffice/intake/[id]/controle?/submit': backoffice(handlers, '404'),
	'GET /backoffice/intake/[id]/ontvangen': backoffice(handlers, '404'),
	'GET /backoffice/intake/[id]/ontvangen/ontvangstbewijs.pdf': backoffice(handlers, '404'),
	'GET /backoffice/mail': backoffice(admins, '200'),
	// The access log for a data-protection request: admins only; the export names no dossier here.
	'GET /backoffice/inzage': backoffice(admins, '200'),
	'GET /backoffice/bewaring': backoffice(admins, '200'),
	'GET /backoffice/inzage.csv': backoffice(admins, '400'),
	// A token the admin made in the setup; revoking without the confirmation is refused.
	'GET /backoffice/api-tokens': backoffice(admins, '200'),
	'POST /backoffice/api-tokens?/create': backoffice(admins, '400'),
	'GET /backoffice/api-tokens/[id]': backoffice(admins, '200'),
	'POST /backoffice/api-tokens/[id]?/revoke': backoffice(admins, '400'),
	'GET /backoffice/mail/[file]': backoffice(admins, '200'),
	'GET /backoffice/users': backoffice(admins, '200'),
	'GET /backoffice/users/[id]': backoffice(admins, '200'),
	'POST /backoffice/users/[id]?/roles': backoffice(admins, '400'),
	'POST /backoffice/users/[id]?/resend': backoffice(admins, '409'),
	'GET /backoffice/users/invite': backoffice(admins, '200'),
	'POST /backoffice/users/invite': backoffice(admins, '400'),
	'GET /backoffice/departments': backoffice(admins, '200'),
	'POST /backoffice/departments': backoffice(admins, '400'),
	// No department has the dossier's id: for an admin it does not exist.
	'GET /backoffice/departments/[id]': backoffice(admins, '404'),
	'POST /backoffice/departments/[id]?/save': backoffice(admins, '404'),
	'POST /backoffice/departments/[id]?/remove': backoffice(admins, '404'),
	// Bank statements (CODA): an empty post has no file and is refused.
	'GET /backoffice/payments': backoffice(admins, '200'),
	'POST /backoffice/payments?/import': backoffice(admins, '400'),
	// No bank line has the dossier's id: for an admin it does not exist (the page answering the
	// refused post cannot load either).
	'GET /backoffice/payments/[id]': backoffice(admins, '404'),
	'POST /backoffice/payments/[id]': backoffice(admins, '404'),
	'GET /backoffice/webhooks': backoffice(admins, '200'),
	'POST /backoffice/webhooks': backoffice(admins, '400'),
	// No webhook has the dossier's id: for an admin it does not exist.
	'GET /backoffice/webhooks/[id]': backoffice(admins, '404'),
	'POST /backoffice/webhooks/[id]?/update': backoffice(admins, '404'),
	'POST /backoffice/webhooks/[id]?/test': backoffice(admins, '404'),
	'POST /backoffice/webhooks/[id]?/rotate': backoffice(admins, '404'),
	'POST /backoffice/webhooks/[id]?/delete': backoffice(admins, '404'),
	'GET /backoffice/templates': backoffice(clerks, '200'),
	'GET /backoffice/templates/new': backoffice(clerks, '200'),
	'POST /backoffice/templates/new': backoffice(clerks, '400'),
	'GET /backoffice/templates/[id]': backoffice(clerks, '404'),
	'POST /backoffice/templates/[id]?/save': backoffice(clerks, '404'),
	'POST /backoffice/templates/[id]?/delete': backoffice(clerks, '404'),
	'GET /backoffice/processes': backoffice(clerks, '200'),
	'POST /backoffice/processes?/create': backoffice(clerks, '400'),
	'POST /backoffice/processes?/import': backoffice(clerks, '400'),
	'GET /backoffice/processes/[id]': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]?/openDraft': backoffice(
		clerks,
		'303 /backoffice/processes/[id]/versions/[version]/edit'
	),
	'POST /backoffice/processes/[id]?/discardDraft': backoffice(clerks, '400'),
	'POST /backoffice/processes/[id]?/duplicate': backoffice(clerks, '400'),
	'POST /backoffice/processes/[id]?/retire': backoffice(
		clerks,
		'303 /backoffice/processes/[id]?retired'
	),
	'POST /backoffice/processes/[id]?/reopen': backoffice(
		clerks,
		'303 /backoffice/processes/[id]?reopened'
	),
	'GET /backoffice/processes/[id]/diff': backoffice(clerks, '400'),
	'GET /backoffice/processes/[id]/versions/[version]/export.json': backoffice(clerks, '200'),
	'GET /backoffice/processes/[id]/versions/[version]/documents': backoffice(clerks, '200'),
	// The complaint has no document templates: a clerk reaches the preview and is told so.
	'GET /backoffice/processes/[id]/versions/[version]/documents/[template]/preview.pdf': backoffice(
		clerks,
		'404'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit': backoffice(clerks, '200'),
	// The editor's operations without the draft's revision: a conflict, or a refusal where the
	// operation names something (a field, an option, a state) that the form did not give.
	'POST /backoffice/processes/[id]/versions/[version]/edit?/setGeneral': backoffice(clerks, '409'),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/setFeeOptions': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/addRequirement': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/setRequirement': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/removeRequirement': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/publish': backoffice(clerks, '409'),
	'POST /backoffice/processes/[id]/versions/[version]/edit?/discard': backoffice(clerks, '409'),
	'GET /backoffice/processes/[id]/versions/[version]/edit/documents': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]/versions/[version]/edit/documents?/addDocument': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/documents?/setDocument': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/documents?/removeDocument': backoffice(
		clerks,
		'400'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit/retention': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]/versions/[version]/edit/retention?/addRetention': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/retention?/setRetention': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/retention?/removeRetention': backoffice(
		clerks,
		'409'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit/fields/[key]': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/setField': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/renameField': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/addOption': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/setOption': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/moveOption': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/removeOption': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/fields/[key]?/setCondition': backoffice(
		clerks,
		'400'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit/pages': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/addPage': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/setPage': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/setPageCondition': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/movePage': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/removePage': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/addField': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/moveField': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/pages?/removeField': backoffice(
		clerks,
		'400'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit/preview/[[pageId]]': backoffice(
		clerks,
		'200'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/preview/[[pageId]]': backoffice(
		clerks,
		'400'
	),
	'GET /backoffice/processes/[id]/versions/[version]/edit/workflow': backoffice(clerks, '200'),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/addState': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/setState': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/removeState': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/setInitial': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/addTransition': backoffice(
		clerks,
		'409'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/setTransition': backoffice(
		clerks,
		'400'
	),
	'POST /backoffice/processes/[id]/versions/[version]/edit/workflow?/removeTransition': backoffice(
		clerks,
		'409'
	)
};

/** The old address of every cell that has one: everyone gets 308 to the cell's own address. */
const expectedMoved: Record<string, Row> = Object.fromEntries(
	listRequests().flatMap((c) => {
		const old = oldRoute(c.route);
		return old
			? [
					[
						`${c.method} ${old}${actionQuery(c.action)}`,
						all(`308 ${c.route}${actionQuery(c.action)}`)
					]
				]
			: [];
	})
);

// ---------------------------------------------------------------------------------------------
// The real data the cells use, made through the pages as people would.

type Setup = {
	/** Citizen A's browser: A filed the complaint in it, so it holds the receipt's draft cookie. */
	citizenA: Page;
	guest: Page;
	reference: string;
	dossierId: string;
	fileId: string;
	guestToken: string;
	guestFileId: string;
	draftVersion: string;
	otherCitizenId: string;
	apiTokenId: string;
	mailFile: string;
};

const complaint = (email: string) => ({
	firstName: 'Bert',
	lastName: 'Burger',
	email,
	what: 'De stoep voor mijn deur is al maanden opgebroken.',
	wish: 'Herstel van de stoep.'
});

let setup: Setup;

async function newPage(browser: Browser): Promise<Page> {
	return (await browser.newContext()).newPage();
}

const origin = (page: Page) => new URL(page.url()).origin;

async function fileIdOn(page: Page, name: string): Promise<string> {
	const href = await page.getByRole('link', { name: new RegExp(name) }).getAttribute('href');
	const id = href?.split('/bestanden/')[1];
	expect(id, `a link to ${name}`).toBeTruthy();
	return id ?? '';
}

async function makeSetup(browser: Browser): Promise<Setup> {
	const citizenA = await newPage(browser);
	await logIn(citizenA, 'citizen');
	const reference = await fileComplaint(citizenA, complaint(e2eUsers.citizen.email), [
		upload('stoep.png')
	]);
	await citizenA.goto(`/dossiers/${reference}`);
	const fileId = await fileIdOn(citizenA, 'stoep.png');
	await citizenA.goto(`/p/klacht/aanvragen/ontvangen`);

	const guest = await newPage(browser);
	await fileComplaint(guest, complaint(`gast-${Date.now()}@example.be`), [upload('gast.png')]);
	const tracking = await guest.getByRole('link', { name: /\/volg\/[\w-]+$/ }).getAttribute('href');
	const guestToken = tracking?.split('/volg/')[1] ?? '';
	expect(guestToken).toMatch(/^[\w-]{20,}$/);
	await guest.goto(`/volg/${guestToken}`);
	const guestFileId = await fileIdOn(guest, 'gast.png');

	const staff = await newPage(browser);
	await logIn(staff, 'staff');
	await staff.goto(`/backoffice?q=${reference}`);
	await staff.getByRole('link', { name: reference }).click();
	await expect(staff).toHaveURL(/\/backoffice\/dossiers\/[0-9a-f-]{36}$/);
	const dossierId = staff.url().split('/').pop() ?? '';
	await staff.context().close();

	const clerk = await newPage(browser);
	await logIn(clerk, 'clerk');
	const opened = await clerk.request.post('/backoffice/processes/klacht?/openDraft', {
		form: {},
		headers: { origin: origin(clerk), accept: 'text/html' },
		maxRedirects: 0
	});
	expect(opened.status()).toBe(303);
	const draftVersion = /\/versions\/(\d+)\/edit$/.exec(opened.headers()['location'] ?? '')?.[1];
	expect(draftVersion).toBeTruthy();
	await clerk.context().close();

	const admin = await newPage(browser);
	await logIn(admin, 'admin');
	await admin.goto(`/backoffice/users?q=${encodeURIComponent(e2eUsers.otherCitizen.email)}`);
	const userHref = await admin
		.getByRole('link', { name: e2eUsers.otherCitizen.name })
		.getAttribute('href');
	const otherCitizenId = userHref?.split('/').pop() ?? '';
	expect(otherCitizenId).toMatch(/^[0-9a-f-]{36}$/);
	const made = await admin.request.post('/backoffice/api-tokens?/create', {
		form: { name: 'Matrix', access: 'read' },
		headers: { origin: origin(admin), accept: 'text/html' }
	});
	expect(made.status()).toBe(200);
	await admin.goto('/backoffice/api-tokens');
	const tokenHref = await admin
		.getByRole('link', { name: 'Matrix', exact: true })
		.getAttribute('href');
	const apiTokenId = tokenHref?.split('/').pop() ?? '';
	expect(apiTokenId).toMatch(/^[0-9a-f-]{36}$/);
	await admin.context().close();

	const folder = mailDir();
	let mailFile = '';
	await expect
		.poll(async () => {
			mailFile =
				(await readdir(folder).catch(() => [] as string[])).find((f) => f.endsWith('.eml')) ?? '';
			return mailFile;
		})
		.not.toBe('');

	return {
		citizenA,
		guest,
		reference,
		dossierId,
		fileId,
		guestToken,
		guestFileId,
		draftVersion: draftVersion ?? '',
		otherCitizenId,
		apiTokenId,
		mailFile
	};
}

/** The concrete value of each route parameter; a few routes need another than the default. */
function paramsFor(route: string, s: Setup): Record<string, string> {
	const receipt = route.startsWith('/p/[processId]/aanvragen/ontvangen');
	const processes = route.startsWith('/backoffice/processes/');
	return {
		processId: receipt ? 'klacht' : 'adreswijziging',
		pageId: 'nieuw-adres',
		'[pageId]': 'uw-gegevens',
		ref: s.reference,
		fileId: route.startsWith('/volg/') ? s.guestFileId : s.fileId,
		documentId: '00000000-0000-4000-8000-0000000000d0',
		token: route.startsWith('/volg/') ? s.guestToken : 'ongeldig-teken-0123456789abcdef',
		id: processes
			? 'klacht'
			: route.startsWith('/backoffice/users/')
				? s.otherCitizenId
				: route.startsWith('/backoffice/api-tokens/')
					? s.apiTokenId
					: route.startsWith('/backoffice/templates/')
						? '00000000-0000-4000-8000-000000000000'
						: s.dossierId,
		version: s.draftVersion,
		key: 'voornaam',
		template: 'attest',
		file: s.mailFile,
		provider: 'acm'
	};
}

function toPath(route: string, params: Record<string, string>): string {
	return route
		.replace(/\[\[(\w+)\]\]/g, (_, name: string) => params[`[${name}]`] ?? '')
		.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? `[${name}]`);
}

/** The response written as the table writes it. */
function describe(
	status: number,
	location: string | undefined,
	path: string,
	params: Record<string, string>
): string {
	if (!location) return String(status);
	if (location === `/aanmelden?next=${encodeURIComponent(path)}`) return `${status} login`;
	let where = location.replace(/\/versions\/\d+\//, '/versions/[version]/');
	const values = Object.entries(params)
		.filter(([name, value]) => name !== 'version' && value.length > 2)
		.sort((a, b) => b[1].length - a[1].length);
	for (const [name, value] of values)
		where = where.split(value).join(name.startsWith('[') ? name : `[${name}]`);
	return `${status} ${where}`;
}

async function send(
	request: APIRequestContext,
	cell: Cell,
	path: string,
	base: string
): Promise<{ status: number; location?: string }> {
	const url = cell.action && cell.action !== 'default' ? `${path}?/${cell.action}` : path;
	const headers = { origin: base, accept: 'text/html' };
	const response = await request.fetch(url, {
		method: cell.method,
		headers,
		form: cell.method === 'GET' ? undefined : { anything: 'x' },
		maxRedirects: 0
	});
	return { status: response.status(), location: response.headers()['location'] };
}

async function walkAs(
	browser: Browser,
	who: Who,
	s: Setup
): Promise<{ seen: Record<string, string>; moved: Record<string, string> }> {
	const page = who === 'citizen' ? s.citizenA : await newPage(browser);
	if (who === 'anonymous') await page.goto('/');
	else if (who !== 'citizen') await logIn(page, who);
	const base = origin(page);
	const seen: Record<string, string> = {};
	const moved: Record<string, string> = {};
	// Signing out last, so that every other cell is tried signed in: everywhere, then here.
	const last = (c: Cell) =>
		c.route === '/afmelden'
			? 2
			: c.route === '/mijn-account' && c.action === 'signOutEverywhere'
				? 1
				: 0;
	const cells = listRequests().sort((a, b) => last(a) - last(b));
	for (const cell of cells) {
		const params = paramsFor(cell.route, s);
		const path = toPath(cell.route, params);
		const { status, location } = await send(page.request, cell, path, base);
		const shownPath = cell.action && cell.action !== 'default' ? `${path}?/${cell.action}` : path;
		seen[cell.key] = describe(status, location, shownPath, params);
		// Its old address, if it has one: not followed, so nothing happens there.
		const old = oldRoute(cell.route);
		if (!old) continue;
		const oldPath = toPath(old, params);
		const answer = await send(page.request, cell, oldPath, base);
		moved[`${cell.method} ${old}${actionQuery(cell.action)}`] = describe(
			answer.status,
			answer.location,
			`${oldPath}${actionQuery(cell.action)}`,
			params
		);
	}
	if (who !== 'citizen') await page.context().close();
	return { seen, moved };
}

test('every route, method and form action has a row saying who may use it', () => {
	const keys = listRequests().map((c) => c.key);
	expect(keys.length).toBeGreaterThan(100);
	expect(keys).toEqual(expect.arrayContaining(['POST /backoffice/dossiers/[id]?/transition']));
	expect([...keys].sort()).toEqual(Object.keys(expected).sort());
	// Every moved prefix has cells (so the walk tries its old address), among them these.
	expect(Object.keys(expectedMoved)).toEqual(
		expect.arrayContaining([
			'GET /verify/[token]',
			'POST /login',
			'POST /logout',
			'GET /account/closed',
			'POST /account?/close',
			'POST /p/[processId]/apply/verzenden',
			'POST /p/[processId]/apply/controle?/submit',
			'GET /backoffice/overzicht.csv'
		])
	);
	for (const [from] of MOVED_PATHS) {
		const prefix = new RegExp(`^${from.replace('.', '\\.').replace('*', '\\[\\w+\\]')}(/|\\?|$)`);
		expect(
			Object.keys(expectedMoved).some((k) => prefix.test(k.split(' ')[1] ?? '')),
			`${from} is tried`
		).toBe(true);
	}
});

test.describe('on real data', () => {
	test.beforeAll(async ({ browser }) => {
		test.setTimeout(240_000);
		setup = await makeSetup(browser);
	});

	test('a tracking link opens its own dossier and files only; a dossier route only its own files', async ({
		browser
	}) => {
		const s = setup;
		const anyone = await newPage(browser);
		const status = async (path: string) =>
			(await anyone.request.get(path, { maxRedirects: 0 })).status();
		expect(await status(`/volg/${s.guestToken}`)).toBe(200);
		expect(await status(`/volg/${s.guestToken}/bestanden/${s.guestFileId}`)).toBe(200);
		// A's file through the guest's link, and made-up or reused tokens.
		expect(await status(`/volg/${s.guestToken}/bestanden/${s.fileId}`)).toBe(404);
		expect(await status(`/volg/${s.reference}`)).toBe(404);
		expect(await status(`/volg/${s.guestToken.slice(0, -1)}`)).toBe(404);
		expect(await status(`/volg/${s.guestToken.slice(0, -1)}/bestanden/${s.guestFileId}`)).toBe(404);
		await anyone.context().close();
		// The guest's receipt only in the guest's browser (A's is in the matrix).
		const pdf = await s.guest.request.get('/p/klacht/aanvragen/ontvangen/ontvangstbewijs.pdf');
		expect(pdf.status()).toBe(200);
		expect(pdf.headers()['content-type']).toBe('application/pdf');
		// A's own dossier route does not hand out the guest's file, nor the staff route another's.
		const own = await s.citizenA.request.get(`/dossiers/${s.reference}/bestanden/${s.guestFileId}`);
		expect(own.status()).toBe(404);
		const staff = await newPage(browser);
		await logIn(staff, 'staff');
		const path = `/backoffice/dossiers/${s.dossierId}/bestanden`;
		expect((await staff.request.get(`${path}/${s.fileId}`)).status()).toBe(200);
		expect((await staff.request.get(`${path}/${s.guestFileId}`)).status()).toBe(404);
		await staff.context().close();
	});

	test("A's notifications can be neither seen nor switched off by B or a tracking link", async ({
		browser
	}) => {
		const s = setup;
		const endpoint = `https://push.example.com/send/${Date.now()}`;
		const bytes = (n: number) => Buffer.alloc(n, 7).toString('base64url');
		const subscribed = await s.citizenA.request.post('/push', {
			data: { endpoint, expirationTime: null, keys: { p256dh: bytes(65), auth: bytes(16) } }
		});
		expect(subscribed.status()).toBe(201);
		const ask = async (page: Page, path: string) =>
			(
				(await (
					await page.request.get(`${path}?endpoint=${encodeURIComponent(endpoint)}`)
				).json()) as {
					subscribed: boolean;
				}
			).subscribed;
		expect(await ask(s.citizenA, '/push')).toBe(true);

		const other = await newPage(browser);
		await logIn(other, 'otherCitizen');
		expect(await ask(other, '/push')).toBe(false);
		expect(await ask(other, `/volg/${s.guestToken}/push`)).toBe(false);
		const off = await other.request.delete('/push', { data: { endpoint } });
		expect(off.status()).toBe(200);
		const offByLink = await other.request.delete(`/volg/${s.guestToken}/push`, {
			data: { endpoint }
		});
		expect(offByLink.status()).toBe(200);
		await other.context().close();
		expect(await ask(s.citizenA, '/push')).toBe(true);
		// A switches it off again.
		expect((await s.citizenA.request.delete('/push', { data: { endpoint } })).status()).toBe(200);
		expect(await ask(s.citizenA, '/push')).toBe(false);
	});

	// Last: it signs everyone out.
	test('every cell of the matrix answers as the table says', async ({ browser }) => {
		const seen: Record<string, Row> = {};
		const moved: Record<string, Row> = {};
		for (const who of WHO) {
			const column = await walkAs(browser, who, setup);
			for (const [key, value] of Object.entries(column.seen)) (seen[key] ??= all(''))[who] = value;
			for (const [key, value] of Object.entries(column.moved))
				(moved[key] ??= all(''))[who] = value;
		}
		expect(seen).toEqual(expected);
		expect(moved).toEqual(expectedMoved);
	});
});
