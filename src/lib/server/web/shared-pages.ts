// Public pages that are the same for every visitor without a session are rendered once and served
// from memory (issue 21): the catalogue and the product pages change only when a process is
// published, retired or reopened, yet each visit rendered them anew (about 2 ms of CPU each, most
// of what is left once the catalogue itself is cached). They are kept with the catalogue
// (processes/catalogue-cache.ts), so a publish on any worker or machine drops them at once, and
// for at most a minute besides, because a product page also shows the measured handling times.
//
// Only a request that carries nothing personal qualifies: GET, no query string, no cookie but the
// language one (no session, no draft, no flash message), no conditional header; and only a response
// that is whole and the same for all (compress.ts's isSharedWhole: no cookie set, nothing marked
// personal) with status 200. The key holds the host, the path, the language and whether kit asked
// for the page or its data (a client-side navigation).
import { building } from '$app/environment';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { cookieName } from '$lib/paraglide/runtime';
import * as processes from '$lib/server/processes/service';
import { isSharedWhole } from './compress';

/** The routes whose page depends on the published catalogue only. */
export const SHARED_ROUTES: ReadonlySet<string> = new Set(['/(public)', '/(public)/p/[processId]']);

/** How long a kept page may be served although the catalogue did not change. */
const MAX_AGE_MS = 60_000;
/** A body larger than this is not kept (ours are 20–40 kB). */
const MAX_BYTES = 256 * 1024;

type Kept = {
	status: number;
	statusText: string;
	headers: [string, string][];
	body: Uint8Array;
	shared: boolean;
};

/** Whether this request may be answered with (and its answer kept as) the page for everyone. */
export function isSharedPageRequest(event: RequestEvent): boolean {
	// Prerendering (the offline page's links) has no query string to read, and no database.
	if (building || event.request.method !== 'GET' || event.isSubRequest) return false;
	if (!SHARED_ROUTES.has(event.route.id ?? '') || event.url.search !== '') return false;
	const h = event.request.headers;
	if (h.has('if-none-match') || h.has('if-modified-since') || h.has('authorization')) return false;
	return event.cookies.getAll().every((c) => c.name === cookieName);
}

async function keep(response: Response): Promise<Kept> {
	const body = new Uint8Array(await response.arrayBuffer());
	return {
		status: response.status,
		statusText: response.statusText,
		headers: [...response.headers],
		body,
		shared: response.status === 200 && isSharedWhole(response) && body.length <= MAX_BYTES
	};
}

export const sharedPages: Handle = async ({ event, resolve }) => {
	if (!isSharedPageRequest(event)) return resolve(event);
	const key = [
		event.url.host,
		event.url.pathname,
		event.locals.locale,
		event.isDataRequest ? 'data' : 'page'
	].join(' ');
	const page = await processes.fromCatalogue(key, async () => keep(await resolve(event)), {
		keep: (made) => made.shared,
		maxAgeMs: MAX_AGE_MS
	});
	return new Response(page.body.length > 0 ? page.body.slice() : null, {
		status: page.status,
		statusText: page.statusText,
		headers: page.headers
	});
};
