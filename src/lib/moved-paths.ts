// The addresses that moved: every address a citizen sees is Dutch (they are printed on receipts and
// sent in e-mails), and the back office is English throughout. An old address (a link in a mail
// already sent, a bookmark, a page or a device queue still running the old code) answers
// 308 Permanent Redirect to its new place, with the query string kept: 308 keeps the method and
// the body, so a form posted to an old address is posted again to the new one.
// This table is the only list of them: the server's redirect (hooks.server.ts), the service
// worker's offline fallback and the access matrix read it. Pure, for the server and the browser.

/** Old → new path prefix. `*` stands for one segment (kept as it was); the longest match wins. */
export const MOVED_PATHS: readonly (readonly [old: string, now: string])[] = [
	['/login', '/aanmelden'],
	['/register', '/registreren'],
	['/reset', '/wachtwoord-vergeten'],
	['/verify', '/bevestigen'],
	['/invite', '/uitnodiging'],
	['/setup', '/installeren'],
	['/logout', '/afmelden'],
	['/account', '/mijn-account'],
	['/account/closed', '/mijn-account/afgesloten'],
	['/p/*/apply', '/p/*/aanvragen'],
	['/backoffice/overzicht', '/backoffice/overview'],
	['/backoffice/overzicht.csv', '/backoffice/overview.csv']
];

const segments = (path: string) => path.split('/').slice(1);

/** The pattern's segments matched against the path's first ones: the `*` values, or null. */
function matchPrefix(pattern: string[], path: string[]): string[] | null {
	if (path.length < pattern.length) return null;
	const stars: string[] = [];
	for (const [i, want] of pattern.entries()) {
		const got = path[i] ?? '';
		if (want === '*' && got !== '') stars.push(got);
		else if (want !== got) return null;
	}
	return stars;
}

/**
 * Where an old path lives now (the rest of the path after the moved prefix kept as it is), or
 * null when it did not move. Whole segments only: `/loginx` and `/p/x/apply-iets` stay.
 */
export function movedPath(pathname: string): string | null {
	const path = segments(pathname);
	let best: { length: number; to: string } | null = null;
	for (const [from, to] of MOVED_PATHS) {
		const pattern = segments(from);
		const stars = matchPrefix(pattern, path);
		if (!stars || (best && best.length >= pattern.length)) continue;
		let i = 0;
		const target = segments(to).map((s) => (s === '*' ? (stars[i++] ?? s) : s));
		best = { length: pattern.length, to: ['', ...target, ...path.slice(pattern.length)].join('/') };
	}
	return best?.to ?? null;
}
