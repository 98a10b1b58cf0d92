// Cross-site form posts (CSRF): a page on another site can make a browser post a form here with the
// user's cookies. SvelteKit refuses those before any hook runs, for every route; we switch its check
// off (svelte.config.js: `csrf.trustedOrigins: ['*']`) and apply exactly its rule in our own hook
// instead, for every route except the API: a POST, PUT, PATCH or DELETE with a form content type
// (url-encoded, multipart, text/plain, or kit's own binary form data) whose Origin is not this
// site's is refused with 403, in the same words. The API authenticates with bearer tokens only,
// never cookies, so a browser cannot be made to call it for someone; it answers such bodies itself
// (415 problem+json). The identity providers' back-channel logout is exempt too: the provider's
// server posts a form there (no browser, no Origin, no cookies), and what it posts is a signed
// logout token, checked by itself (oidc/backchannel.ts).

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
]);

/** Routes that take no cookies, only `Authorization: Bearer`: the API. */
export function isTokenRoute(routeId: string | null): boolean {
	return routeId === '/api/v1' || (routeId?.startsWith('/api/v1/') ?? false);
}

/** The route an identity provider's server posts its logout tokens to (no browser, no cookies). */
export const BACKCHANNEL_LOGOUT_ROUTE = '/(public)/aanmelden/[provider]/afmelden';

function isFormContentType(request: Request): boolean {
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	return FORM_TYPES.has(type);
}

/** Kit's answer to a forbidden cross-site form post, or null when the request may go on. */
export function refuseCrossSiteForm(
	request: Request,
	url: URL,
	routeId: string | null
): Response | null {
	if (!UNSAFE.has(request.method) || !isFormContentType(request)) return null;
	if (request.headers.get('origin') === url.origin || isTokenRoute(routeId)) return null;
	if (routeId === BACKCHANNEL_LOGOUT_ROUTE) return null;
	const message = `Cross-site ${request.method} form submissions are forbidden`;
	return request.headers.get('accept') === 'application/json'
		? new Response(JSON.stringify({ message }), {
				status: 403,
				headers: { 'content-type': 'application/json' }
			})
		: new Response(message, { status: 403, headers: { 'content-type': 'text/plain' } });
}
