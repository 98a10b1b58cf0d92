/// <reference lib="webworker" />
// Loket's service worker (built by SvelteKit, precache list injected by @vite-pwa/sveltekit).
//  - The app shell (scripts, styles, icons) and the offline page are precached.
//  - The public catalogue and product pages are fetched from the network first and kept for
//    offline use, but only responses the server did not mark personal (`Loket-Personal`), so
//    nobody's name or answers ever land in the cache.
//  - Any other page falls back to the offline page when the network is gone.
//  - A form opened without a connection (or reloaded) continues on this device: the navigation goes
//    to the device's form filler (/concepten/formulier), which works from IndexedDB and the form's
//    definition kept with its product page (/p/<id>/formulier.json).
//  - Submissions queued offline are sent by Background Sync (lib/device/send.ts).
//  - Signing out empties the page cache; a new version waits until the user chooses "update now".
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';

import { sendWaiting, SYNC_TAG } from './lib/device/send';
import { movedPath } from './lib/moved-paths';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string })[] };
/** Background Sync's event (not in TypeScript's worker types yet). */
type SyncEvent = ExtendableEvent & { tag: string };

const PAGES = 'loket-pages';

// The form filler and the drafts list are the same shell for every query string.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

/** The catalogue and the product pages (and their data for client-side navigation). */
const publicPage = /^\/(?:p\/[a-z0-9-]+\/?)?(?:__data\.json)?$/;

const notPersonal = (response: Response) =>
	response.status === 200 && !response.headers.has('loket-personal');

registerRoute(
	({ request, url }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		publicPage.test(url.pathname),
	new NetworkFirst({
		// No timeout: a slow answer is better than yesterday's page; the cache serves only offline.
		cacheName: PAGES,
		plugins: [
			{
				cacheWillUpdate: async ({ response }) => (notPersonal(response) ? response : null),
				// A page reached by a link inside the app arrives as its data only; keep the page
				// itself too, so that it also opens offline after a reload or from the home screen.
				cacheDidUpdate: async ({ cacheName, request }) => {
					const url = new URL(request.url);
					const cache = await caches.open(cacheName);
					const page = url.pathname.replace(/\/?__data\.json$/, '') || '/';
					// With a product page, its form: to fill it in offline later.
					const product = /^\/p\/[a-z0-9-]+$/.test(page);
					if (product)
						await fetch(`${page}/formulier.json`)
							.then((r) => (r.ok ? cache.put(`${page}/formulier.json`, r) : undefined))
							.catch(() => undefined);
					if (!url.pathname.endsWith('/__data.json') || (await cache.match(page))) return;
					const response = await fetch(page, { credentials: 'same-origin' });
					if (notPersonal(response)) await cache.put(page, response);
				}
			}
		]
	})
);

// A form's definition is the same for everyone (the route reads no cookie): always kept.
registerRoute(
	({ request, url }) =>
		request.method === 'GET' &&
		url.origin === self.location.origin &&
		/^\/p\/[a-z0-9-]+\/formulier\.json$/.test(url.pathname),
	new NetworkFirst({ cacheName: PAGES })
);

registerRoute(({ request }) => request.mode === 'navigate', new NetworkOnly());

/** A step of a form: /p/<id>/aanvragen, /p/<id>/aanvragen/<page> or its check page. */
const formStep = /^\/p\/([a-z0-9-]+)\/aanvragen(?:\/([a-z0-9-]+))?\/?$/;

setCatchHandler(async ({ request }) => {
	if (request.mode !== 'navigate') return Response.error();
	// An old address (a bookmark of /p/<id>/apply/…) cannot reach the server's redirect offline.
	const path = new URL(request.url).pathname;
	const step = formStep.exec(movedPath(path) ?? path);
	if (step) {
		// `offline`: the filler must not send the citizen straight back (the server is unreachable).
		const query = new URLSearchParams({
			p: step[1],
			...(step[2] ? { stap: step[2] } : {}),
			offline: '1'
		});
		return Response.redirect(`/concepten/formulier?${query}`, 303);
	}
	return (await matchPrecache('/offline')) ?? Response.error();
});

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// The old address too: a page opened before the update still posts there.
	if (event.request.method === 'POST' && (movedPath(url.pathname) ?? url.pathname) === '/afmelden')
		event.waitUntil(caches.delete(PAGES));
});

self.addEventListener('sync', (event) => {
	const sync = event as SyncEvent;
	// Rejecting tells the browser to try again later, with its own backoff.
	if (sync.tag === SYNC_TAG)
		sync.waitUntil(
			sendWaiting().then((left) => {
				if (left > 0) throw new Error(`${left} submission(s) still waiting`);
			})
		);
});

self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Web Push: the server sends { title, body, url, reference } for a dossier (see
// src/lib/server/push/notifier.ts). One notification per dossier: a newer one replaces the older
// (tag = reference). A click focuses a tab that already shows the dossier, else opens it. A
// guest's notification has no url (the server keeps no usable tracking link); the page stored its
// own link under the reference when the guest turned notifications on (PushToggle.svelte).
const PUSH_LINKS = 'loket-push-links';

type PushMessage = { title?: string; body?: string; url?: string | null; reference?: string };

function readPush(event: PushEvent): PushMessage {
	try {
		return (event.data?.json() ?? {}) as PushMessage;
	} catch {
		return { body: event.data?.text() };
	}
}

self.addEventListener('push', (event) => {
	const message = readPush(event);
	event.waitUntil(
		self.registration.showNotification(message.title || 'Loket', {
			body: message.body ?? '',
			icon: '/icons/icon-192.png',
			badge: '/icons/icon-192.png',
			tag: message.reference || undefined,
			data: { url: message.url ?? null, reference: message.reference ?? null }
		})
	);
});

async function pushTarget(data: { url?: string | null; reference?: string | null }) {
	if (data.url) return data.url;
	if (data.reference) {
		const cache = await caches.open(PUSH_LINKS);
		const stored = await cache.match(`/push-link/${encodeURIComponent(data.reference)}`);
		if (stored) return await stored.text();
	}
	return '/';
}

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	event.waitUntil(
		(async () => {
			const data = (event.notification.data ?? {}) as { url?: string | null; reference?: string };
			const target = new URL(await pushTarget(data), self.location.origin);
			// Only pages of this site: a notification's address never leads elsewhere.
			if (target.origin !== self.location.origin) return;
			const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
			const open = windows.find((w) => new URL(w.url).pathname === target.pathname);
			if (open) await open.focus();
			else await self.clients.openWindow(target.href);
		})()
	);
});
