// The language in the browser is the one the server chose for the page (the cookie that /taal
// sets, else the request's Accept-Language, else Dutch), which it wrote into <html lang>. Left to
// itself, Paraglide's client would decide again from navigator.languages, which need not agree
// with the header the server read: the page then turned into another language as it hydrated, and
// Paraglide stored that language in the cookie as if the citizen had chosen it (seen in CI, where
// a new browser context's navigator.languages was briefly the browser's own en-US).
// Pages built once and run from the device (/concepten, /offline: `data-lang-from="build"`) still
// decide in the browser: the cookie, else the browser's languages, else Dutch.
import { getLocale, isLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

const decideInBrowser = getLocale;

overwriteGetLocale(() => {
	const html = document.documentElement;
	if (html.dataset.langFrom === 'request' && isLocale(html.lang)) return html.lang;
	return decideInBrowser();
});
