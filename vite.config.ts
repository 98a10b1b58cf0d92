import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Paraglide's compiled registry makes a new Intl.PluralRules (NumberFormat, DateTimeFormat) on every
 * call: a quarter of a millisecond of each home-page render went to it (issue 21). Each is kept
 * per locale and options instead; they hold no state. The build fails if the code it rewrites
 * changes shape, so an upgrade of paraglide is looked at rather than silently slow again.
 */
function reuseIntlFormatters(): Plugin {
	const kinds = ['PluralRules', 'NumberFormat', 'DateTimeFormat'];
	return {
		name: 'loket-reuse-intl-formatters',
		enforce: 'pre',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('/src/lib/paraglide/registry.js')) return null;
			let out = code;
			for (const kind of kinds) {
				const made = `new Intl.${kind}(locale, options)`;
				if (!out.includes(made))
					throw new Error(`paraglide's registry.js no longer has ${made}: check vite.config.ts`);
				out = out.replaceAll(made, `reuse(Intl.${kind}, locale, options)`);
			}
			return `${out}
const reused = new Map();
function reuse(Kind, locale, options) {
	const key = Kind.name + '|' + locale + '|' + JSON.stringify(options ?? null);
	let made = reused.get(key);
	if (!made) reused.set(key, (made = new Kind(locale, options)));
	return made;
}
`;
		}
	};
}

/**
 * Two digests SvelteKit computes in JavaScript for runtimes without node:crypto, on every page:
 * the SHA-256 of each inline script for the CSP (`mode: 'hash'` in svelte.config.js; the script
 * holds the page's data) and the djb2 ETag over the whole HTML, character by character. In the
 * profile they were 2–3 % of a form page's CPU and 4 % of the inbox's (issue 21). On Node
 * (adapter-node) both come from node:crypto instead. A wrong CSP digest would stop every page's
 * script, which every end-to-end test would notice; an ETag is opaque to the browser, and our
 * compression reads only that kit gave one (web/compress.ts). The build fails if either of kit's
 * modules changes shape, so an upgrade is looked at.
 */
function nativeHashes(): Plugin {
	const kit = '@sveltejs/kit/src/runtime/server/page/';
	const etag = 'headers.set(\'etag\', `"${hash(transformed)}"`);';
	return {
		name: 'loket-native-hashes',
		enforce: 'pre',
		transform(code, id, options) {
			if (!options?.ssr) return null;
			const file = id.replace(/\\/g, '/');
			if (file.endsWith(`${kit}crypto.js`)) {
				if (
					!/^export function sha256\(data\)/m.test(code) ||
					/^export (?!function sha256)/m.test(code)
				)
					throw new Error("kit's page/crypto.js changed: check nativeHashes in vite.config.ts");
				return `import { createHash } from 'node:crypto';
/** @param {string} data */
export function sha256(data) {
	return createHash('sha256').update(data, 'utf8').digest('base64');
}
`;
			}
			if (file.endsWith(`${kit}render.js`)) {
				if (code.split(etag).length !== 2)
					throw new Error("kit's page/render.js changed: check nativeHashes in vite.config.ts");
				return `import { createHash as loketCreateHash } from 'node:crypto';
${code.replace(etag, "headers.set('etag', `\"${loketCreateHash('sha256').update(transformed, 'utf8').digest('base64url')}\"`);")}`;
			}
			return null;
		}
	};
}

export default defineConfig({
	plugins: [
		reuseIntlFormatters(),
		nativeHashes(),
		// Compiles the interface texts (src/lib/i18n/messages/*.json) to typed functions in
		// src/lib/paraglide. The locale lives in a cookie (a choice made with the switch); without
		// one, the browser's languages (Accept-Language, navigator.languages) decide; else Dutch.
		// URLs carry none. Keep the options in step with the `i18n:compile` script, which
		// svelte-check relies on before any build.
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		// The service worker is our own (src/sw.ts, compiled by SvelteKit); the plugin injects the
		// precache list. The manifest is served by a route, with the municipality's name.
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'sw.ts',
			// From the site's root, whatever page registers it (Vite's base is relative here).
			base: '/',
			scope: '/',
			registerType: 'prompt',
			injectRegister: false,
			manifest: false,
			injectManifest: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff,woff2,webmanifest}'],
				// No phone downloads PDF.js (a 404 kB chunk, only for staff reading a PDF in the
				// page, loaded when they do) to work offline; the app's own largest chunk is 130 kB.
				maximumFileSizeToCacheInBytes: 256 * 1024
			},
			devOptions: { enabled: false, type: 'module' }
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/lint/**/*.test.ts'],
		environment: 'node',
		// The embedded database migrated once for every integration test file.
		globalSetup: ['tests/integration/pglite-image.ts'],
		// The files of one worker share its loaded modules instead of importing the app anew for
		// each file: 262 s became 125 s on the embedded database and 170 s became 67 s on
		// PostgreSQL, on this 2-core machine. Every file opens its own database (test-db.ts), and
		// what modules keep is kept per database (the catalogue cache), so nothing carries over.
		isolate: false,
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
