// The layers of Loket and what each may import (ARCHITECTURE.md draws them). ESLint enforces
// them with `no-restricted-imports`; tests/lint/layers.test.ts lints a deliberate violation of
// each rule and fails if a rule stops firing. Patterns match the import string, so each rule
// names both the `$lib/…` form and the relative forms used inside `src/lib`.

/** Everything that speaks HTTP: SvelteKit's runtime, the app's modules, superforms' server side. */
const web = [
	{
		group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*', 'sveltekit-superforms*'],
		message:
			'HTTP belongs in the web layer: routes, hooks and src/lib/server/web. Return a result or throw a domain error, and let the route map it.'
	}
];

/** The database and the queries: only services and repositories reach them. */
const data = [
	{
		group: ['kysely', 'pg', '@electric-sql/pglite', 'kysely-pglite-dialect'],
		message: 'Only repositories, services and migrations talk to the database.'
	},
	{
		regex: '(^|/)(db|db/.*)$|(^|/)[^/]*repository$',
		message: 'Routes call services (e.g. `dossiers.getForCitizen`), never a repository or the db.'
	}
];

/** The web layer's helpers may name the stored types, but query only through services. */
const queries = [
	data[0],
	{
		regex: '(^|/)db(/(index|connect|migrate|lock))?$|(^|/)[^/]*repository$',
		message: 'The web layer calls services, never a repository or the database handle.'
	}
];

/** Server-only code: the browser never gets it, and the pure core never depends on it. */
const server = [
	{
		regex: '^\\$lib/server(/|$)|(^|/)server/',
		message:
			'Server-only module. Components take view types from $lib/views (or their page data); $lib/process stays pure.'
	}
];

/** The pure core may not reach Paraglide's runtime (messages come in through the context). */
const i18nRuntime = [
	{
		regex: '^\\$lib/(paraglide|i18n)(/|$)|(^|/)(paraglide|i18n)(/|$)',
		message:
			'$lib/process is pure and isomorphic: messages come in through the read context, not from the i18n runtime.'
	}
];

/**
 * @param {{ group?: string[]; regex?: string; message: string }[][]} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (...patterns) => ({
	'no-restricted-imports': ['error', { patterns: patterns.flat() }]
});

/**
 * Flat-config blocks, in order; later blocks for the same file replace the rule's options.
 * @type {import('eslint').Linter.Config[]}
 */
export const layers = [
	{
		name: 'layers/routes',
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte', 'src/hooks.server.ts'],
		rules: restrict(data)
	},
	{
		name: 'layers/web',
		files: ['src/lib/server/web/**/*.ts'],
		ignores: ['src/lib/server/web/**/*.test.ts'],
		rules: restrict(queries)
	},
	{
		name: 'layers/services',
		files: ['src/lib/server/**/*.ts'],
		ignores: ['src/lib/server/web/**', 'src/lib/server/**/*.test.ts'],
		rules: restrict(web)
	},
	{
		name: 'layers/process',
		files: ['src/lib/process/**/*.ts'],
		ignores: ['src/lib/process/**/*.test.ts'],
		rules: restrict(web, data, server, i18nRuntime)
	},
	{
		name: 'layers/components',
		files: [
			'src/lib/components/**/*.ts',
			'src/lib/components/**/*.svelte',
			'src/lib/views/**/*.ts'
		],
		rules: restrict(data, server)
	}
];
