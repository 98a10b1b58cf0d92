import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { cookieName } from '$lib/paraglide/runtime';
import {
	clearSessionCookie,
	readSessionToken,
	writeSessionCookie
} from '$lib/server/web/session-cookie';
import { requireAllowed, requireUser } from '$lib/server/web/guards';
import { canEnterBackoffice } from '$lib/server/auth/policies';
import * as sessions from '$lib/server/auth/session';
import { chain } from '$lib/server/web/chain';
import { compress } from '$lib/server/web/compress';
import { sharedPages } from '$lib/server/web/shared-pages';
import { refuseCrossSiteForm } from '$lib/server/web/cross-site';
import { movedPath } from '$lib/moved-paths';
import { hstsFor } from '$lib/server/web/hsts';
import { discoverProviders, providerOrigins } from '$lib/server/web/oidc';
import { start, stopOnShutdown } from '$lib/server/startup';
import { isDatabaseUnavailable, respondUnavailable } from '$lib/server/unavailable';

export const init: ServerInit = async () => {
	// The build runs the server to prerender; it must not open the database.
	if (building) return;
	await start();
	stopOnShutdown();
	// The providers' endpoints, for the pages' CSP form-action, without holding up the start.
	discoverProviders();
};

// PostgreSQL text cannot hold a NUL character: a parameter with one (%00 in the path or the query)
// would fail in whichever query it reaches. No address of ours needs one, so it is a bad request
// (answered inside the other handles, so it gets the security headers too).
const rejectNul: Handle = ({ event, resolve }) =>
	!building && /%00/.test(event.url.pathname + event.url.search)
		? new Response('Bad request', { status: 400 })
		: resolve(event);

// The locale comes from the cookie that POST /taal sets, else from the browser's languages
// (Accept-Language: a French browser gets French on its first visit), else Dutch. Paraglide keeps
// it for the rest of the request, so message functions called while rendering use it.
const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			// `data-lang-from` tells the browser whether this choice was made for this request
			// (it keeps to it, hooks.client.ts) or at build time for a page that runs from the device.
			transformPageChunk: ({ html }) =>
				html.replace('%lang%', locale).replace('%lang-from%', building ? 'build' : 'request')
		});
	});

// Cross-site form posts are refused here, not by kit (see web/cross-site.ts): before the session
// is read, so a forged post never reaches a load, an action or the session cookie.
const crossSite: Handle = ({ event, resolve }) =>
	refuseCrossSiteForm(event.request, event.url, event.route.id) ?? resolve(event);

// An address that moved (the table in lib/moved-paths.ts) answers 308 Permanent Redirect to its new
// place, the query kept. Before the session and the guards, so an old link in a mail already sent
// (/verify/<token>) or an old bookmark works for anyone; 308, not 301, so a POST keeps its method
// and body (an old page's form, a device queue still running the old code: the idempotency key
// comes along, so it files once). After the cross-site check, so a forged post to an old address is
// refused there as anywhere. For a client-side navigation's data request (event.url without
// /__data.json) kit turns the 308 into its JSON redirect.
const movedAddresses: Handle = ({ event, resolve }) => {
	const to = movedPath(event.url.pathname);
	return to === null
		? resolve(event)
		: new Response(null, { status: 308, headers: { location: to + event.url.search } });
};

// A request that failed because the database cannot be reached (PostgreSQL restarting) is answered
// 503 with Retry-After instead of the 500 page: handleError marks it, and errors thrown by the
// hooks inside this one (the session lookup) are caught here.
const databaseDown: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		console.error(
			`${event.request.method} ${event.url.pathname}: database unavailable (${String(e)})`
		);
		return respondUnavailable(event.request, event.url, event.locals.locale);
	}
	return event.locals.databaseUnavailable
		? respondUnavailable(event.request, event.url, event.locals.locale)
		: response;
};

// The session is resolved once per request; loads and actions authorize with the guards.
const session: Handle = async ({ event, resolve }) => {
	const token = readSessionToken(event.cookies);
	const valid = token ? await sessions.validateSessionToken(token) : null;
	if (token && valid) writeSessionCookie(event.cookies, token, valid.session.expiresAt);
	else if (token) clearSessionCookie(event.cookies);
	event.locals.user = valid?.user ?? null;
	event.locals.session = valid?.session ?? null;
	return resolve(event);
};

// Everything under /backoffice needs a signed-in staff member, clerk or admin; the citizen's own
// pages need someone signed in. These guards are a safety net only: every load and action there
// checks again.
// Reading a back-office page is refused by the back-office layout's load instead, so the refusal is
// the site's error page with its header and a way onward (a hook's error is a bare page). Only
// pages under that layout qualify; actions, endpoints and pages that reset the layout (`+page@`)
// are refused here.
const layoutGuarded = new Set(
	Object.keys(import.meta.glob('./routes/backoffice/**/+page.svelte')).map((file) =>
		file.slice('./routes'.length, -'/+page.svelte'.length)
	)
);

const groupGuard: Handle = async ({ event, resolve }) => {
	const id = event.route.id ?? '';
	const reading = event.request.method === 'GET' || event.request.method === 'HEAD';
	if (id.startsWith('/backoffice') && !(reading && layoutGuarded.has(id)))
		requireAllowed(event, canEnterBackoffice);
	else if (id.startsWith('/(citizen)')) requireUser(event);
	return resolve(event);
};

// The process editor shows its preview in a frame on its own pages: that one route may be framed,
// by this site only; every other page refuses to be framed at all.
const FRAMEABLE = '/backoffice/processes/[id]/versions/[version]/edit/preview/[[pageId]]';

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const frameable = event.route.id === FRAMEABLE;
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', frameable ? 'SAMEORIGIN' : 'DENY');
	const csp = response.headers.get('content-security-policy');
	if (csp) {
		let policy = csp;
		if (frameable) policy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
		// The sign-in and sign-out buttons are forms whose answer redirects to an identity provider:
		// browsers hold such a redirect to form-action too.
		// (Prerendered pages are made without the server's settings.)
		const providers = building ? [] : providerOrigins();
		if (providers.length > 0)
			policy = policy.replace("form-action 'self'", `form-action 'self' ${providers.join(' ')}`);
		if (policy !== csp) response.headers.set('content-security-policy', policy);
	}
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
	const hsts = hstsFor(event.url.hostname);
	if (hsts) response.headers.set('Strict-Transport-Security', hsts);
	// The service worker keeps public pages for offline use, never one made for a signed-in user or
	// a guest with a form under way (any cookie but the language one).
	if (event.locals.user || event.cookies.getAll().some((c) => c.name !== cookieName))
		response.headers.set('Loket-Personal', '1');
	return response;
};

// Compression is outermost, so it sees the response as it leaves; the security headers wrap the
// bad-request and database-down answers too. A public page kept for everyone (web/shared-pages.ts)
// is answered inside the database-down handle (reading the catalogue's counter may fail) and
// before the session, which a request without cookies does not have.
export const handle = chain(
	compress,
	language,
	securityHeaders,
	rejectNul,
	crossSite,
	movedAddresses,
	databaseDown,
	sharedPages,
	session,
	groupGuard
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		console.error(
			`${event.request.method} ${event.url.pathname}: database unavailable (${String(error)})`
		);
		return { message: 'Database unavailable' };
	}
	// Over BODY_SIZE_LIMIT (adapter-node refuses the body): the sender's doing, not a fault here.
	if (status === 413) return { message: m.requestTooLarge() };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: 'Internal error', errorId };
};
