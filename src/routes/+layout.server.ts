import { building } from '$app/environment';
import { getSiteSettings } from '$lib/server/settings';
import { takeFlash } from '$lib/server/web/flash';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies, url }) => {
	return {
		locale: locals.locale,
		site: getSiteSettings(),
		// A prerendered page (the offline page) has no query string to read.
		path: building ? url.pathname : url.pathname + url.search,
		// Only what the header needs reaches the browser.
		user: locals.user ? { name: locals.user.name || locals.user.email } : null,
		flash: takeFlash(cookies)
	};
};
