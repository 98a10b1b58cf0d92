import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
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
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
