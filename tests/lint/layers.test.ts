// The layer rules of ARCHITECTURE.md are kept by ESLint, not by discipline: this lints one
// deliberate violation of each rule (and one allowed import beside it) with the very blocks that
// .config/eslint.config.js uses, so a rule that stops firing fails here.
import { ESLint } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layers } from '../../.config/layers.js';

const eslint = new ESLint({
	cwd: process.cwd(),
	overrideConfigFile: true,
	overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: ts.parser } }, ...layers]
});

async function violations(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: { layer: string; file: string; refused: string[]; allowed: string[] }[] = [
	{
		layer: 'routes never touch the database or a repository',
		file: 'src/routes/backoffice/+page.server.ts',
		refused: [
			"import { getDb } from '$lib/server/db';",
			"import type { Dossier } from '$lib/server/db/schema';",
			"import * as repo from '$lib/server/dossiers/repository';",
			"import * as repo from '$lib/server/users/admin-repository';",
			"import { sql } from 'kysely';"
		],
		allowed: ["import * as dossiers from '$lib/server/dossiers/service';"]
	},
	{
		layer: 'services never import SvelteKit',
		file: 'src/lib/server/dossiers/service.ts',
		refused: [
			"import { error } from '@sveltejs/kit';",
			"import type { Cookies } from '@sveltejs/kit';",
			"import { env } from '$app/environment';",
			"import { superValidate } from 'sveltekit-superforms/server';"
		],
		allowed: ["import * as repo from './repository';", "import { sql } from 'kysely';"]
	},
	{
		layer: 'the web layer speaks HTTP and calls services',
		file: 'src/lib/server/web/guards.ts',
		refused: [
			"import { getDb } from '../db';",
			"import * as repo from '../dossiers/repository';",
			"import { sql } from 'kysely';"
		],
		allowed: [
			"import { error, redirect } from '@sveltejs/kit';",
			"import type { Dossier } from '../db/schema';",
			"import * as dossiers from '../dossiers/service';"
		]
	},
	{
		layer: 'the pure core imports nothing from server, i18n runtime or $app',
		file: 'src/lib/process/answers/index.ts',
		refused: [
			"import { getDb } from '$lib/server/db';",
			"import { x } from '../../server/files';",
			"import { m } from '$lib/i18n';",
			"import { m } from '$lib/paraglide/messages';",
			"import { browser } from '$app/environment';",
			"import { error } from '@sveltejs/kit';"
		],
		allowed: ["import { z } from 'zod';", "import type { Field } from '../fields';"]
	},
	{
		layer: 'components import no server module',
		file: 'src/lib/components/dossier/Timeline.ts',
		refused: [
			"import type { TimelineEntry } from '$lib/server/dossiers/views';",
			"import { getDb } from '$lib/server/db';"
		],
		allowed: [
			"import type { TimelineEntry } from '$lib/views/dossier';",
			"import { m } from '$lib/i18n';"
		]
	}
];

describe('layer rules', () => {
	for (const c of cases) {
		describe(c.layer, () => {
			for (const line of c.refused)
				it(`refuses ${line}`, async () => {
					const found = await violations(c.file, line);
					expect(found.length).toBeGreaterThan(0);
					for (const f of found) expect(f).toMatch(/^no-restricted-imports:/);
				});
			for (const line of c.allowed)
				it(`allows ${line}`, async () => {
					expect(await violations(c.file, line)).toEqual([]);
				});
		});
	}
});
