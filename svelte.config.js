import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// Built assets are stored as .br and .gz beside the originals and served as they are.
		adapter: adapter({ precompress: true }),
		// The site's stylesheet (about 9 kB) goes into the page itself: on a slow connection one
		// render-blocking request less before the first paint.
		inlineStyleThreshold: 16 * 1024,
		// Kit's cross-site form check runs before any hook and so also refuses the API's token-only
		// routes; hooks.server.ts applies the same rule to every other route (http/cross-site.ts).
		csrf: { trustedOrigins: ['*'] },
		// Registered by the layout (update prompt); @vite-pwa/sveltekit injects the precache list.
		serviceWorker: { register: false },
		files: { serviceWorker: 'src/sw.ts' },
		typescript: {
			// Migrations and Playwright's config are type-checked and linted with the rest.
			config: (tsconfig) => {
				tsconfig.include.push('../migrations/**/*.ts', '../playwright.config.ts');
			}
		},
		csp: {
			// Hashes of kit's inline scripts, not a nonce: as strict, and a page that is the same for
			// everyone stays byte for byte the same, so its compressed bytes are made once
			// (src/lib/server/web/compress.ts; a nonce made every page unique).
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
