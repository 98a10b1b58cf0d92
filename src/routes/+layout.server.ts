import { getSiteSettings } from '$lib/server/settings';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	return { locale: locals.locale, site: getSiteSettings(), path: url.pathname + url.search };
};
