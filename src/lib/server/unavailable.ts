// When the database cannot be reached (PostgreSQL restarting, a network cut, no connection to be
// had): which errors say so, and the answer such a request gets. It is a 503 with Retry-After, not
// the generic 500 page, so a citizen reads that it is temporary and the device's queue, the
// service worker and other clients know to send again (with the same idempotency key).
import { m } from '$lib/i18n';
import type { Locale } from '$lib/process/text';

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN'
]);

/**
 * SQLSTATEs of a server going away or not yet back: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up or shutting down), too_many_connections; class 08 is
 * "connection exception".
 */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and its pool say when a connection ends or cannot be had in time. */
const DRIVER_MESSAGES = [
	/^Connection terminated/,
	/timeout exceeded when trying to connect/,
	/is not queryable/,
	/^Cannot use a pool after calling end/
];

/** Whether this error (or one it wraps) means the database is unreachable for now. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!(error instanceof Error) || depth > 5) return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string') {
		if (SOCKET_CODES.has(code) || SERVER_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))
			return true;
	}
	if (error.name === 'DatabaseUnavailableError') return true;
	if (DRIVER_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
	// Node reports a refused connection to a name with several addresses as an AggregateError.
	if (
		error instanceof AggregateError &&
		error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
	)
		return true;
	return isDatabaseUnavailable(error.cause, depth + 1);
}

function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** Whether the client asked for JSON (fetch, the device's queue, SvelteKit's own data requests). */
function wantsJson(request: Request, url: URL): boolean {
	if (url.pathname.endsWith('/__data.json') || request.headers.has('x-sveltekit-action'))
		return true;
	const accept = request.headers.get('accept') ?? '';
	return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The 503 answer: JSON for a client that asked for it (in SvelteKit's action-result shape for an
 * enhanced form), else a small page of its own that needs neither the database nor scripts.
 */
export function respondUnavailable(request: Request, url: URL, locale: Locale): Response {
	const headers = {
		'retry-after': String(RETRY_AFTER_SECONDS),
		'cache-control': 'no-store'
	};
	const title = m.unavailableTitle({}, { locale });
	const body = m.unavailableBody({}, { locale });
	if (wantsJson(request, url)) {
		const message = `${title}. ${body}`;
		const payload = request.headers.has('x-sveltekit-action')
			? { type: 'error', error: { message } }
			: { status: 'unavailable', message, retryAfter: RETRY_AFTER_SECONDS };
		return Response.json(payload, { status: 503, headers });
	}
	// A GET is retried as it was; after a POST, "try again" goes to the page the form was on.
	const retry = request.method === 'GET' ? url.pathname + url.search : url.pathname;
	const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b4f8a}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
${request.method === 'GET' ? '' : `<p>${escapeHtml(m.unavailableResend({}, { locale }))}</p>\n`}<p><a href="${escapeHtml(retry)}">${escapeHtml(m.unavailableRetry({}, { locale }))}</a></p>
</main>
</body>
</html>
`;
	return new Response(html, {
		status: 503,
		headers: {
			...headers,
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
		}
	});
}
