import { building } from '$app/environment';
import { getSiteSettings } from '$lib/server/settings';
import { redirect } from '@sveltejs/kit';
import { takeFlash } from '$lib/server/web/flash';
import { takeSignOutReturn } from '$lib/server/web/sign-out-return';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies, url }) => {
	// Back from signing out at a provider, on the way to where the sign-out was asked to go: the
	// notice ("U bent afgemeld") is kept for that page.
	const onward = building ? null : takeSignOutReturn(cookies, url);
	if (onward) redirect(303, onward);
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
