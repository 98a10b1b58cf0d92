// Benchmark of the process editor on a large draft: a definition with 100 fields over 10 pages
// (every field kind), built with the editor's own operations. Prints median and p95 in ms over
// N runs of:
//  - checkDefinition: the full check the editor runs after every save;
//  - saveDraft: one edit saved (revision check, change log with the diff) on PGlite in memory;
//  - preview: what the preview route does for one page: read the draft, check it, and render the
//    page server-side with the citizen's form component (svelte/server).
// Budget: save + preview under 1 s.
// Usage: npm run bench:builder [-- --runs 30]
import { parseArgs } from 'node:util';
import { openModuleLoader } from './harness';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(args.runs);

// The server modules are loaded through Vite, as the app loads them ($lib, $env resolved).
const { vite, load } = await openModuleLoader();
const { openDatabase } = await load<typeof import('../../src/lib/server/db/connect')>(
	'/src/lib/server/db/connect.ts'
);
const { migrateToLatest } = await load<typeof import('../../src/lib/server/db/migrate')>(
	'/src/lib/server/db/migrate.ts'
);
const { loadLibrary } = await load<typeof import('../../src/lib/server/processes/library')>(
	'/src/lib/server/processes/library.ts'
);
const { importLibrary } = await load<typeof import('../../src/lib/server/processes/service')>(
	'/src/lib/server/processes/service.ts'
);
const draftVersions = await load<typeof import('../../src/lib/server/processes/draft-versions')>(
	'/src/lib/server/processes/draft-versions.ts'
);
const { applyEdit } = await load<typeof import('../../src/lib/process/edit')>(
	'/src/lib/process/edit.ts'
);
const { checkDefinition } = await load<typeof import('../../src/lib/process/loader')>(
	'/src/lib/process/loader.ts'
);
const { fieldTypes } = await load<typeof import('../../src/lib/process/fields')>(
	'/src/lib/process/fields/index.ts'
);
const { answerOptions } = await load<typeof import('../../src/lib/i18n/answers')>(
	'/src/lib/i18n/answers.ts'
);
const { listPageValues } = await load<typeof import('../../src/lib/process/answers')>(
	'/src/lib/process/answers/index.ts'
);
const { render } = await load<typeof import('svelte/server')>('svelte/server');
const DynamicPage = (
	await load<{
		default: typeof import('../../src/lib/components/form/DynamicPage.svelte').default;
	}>('/src/lib/components/form/DynamicPage.svelte')
).default;

type EditOp = Parameters<typeof applyEdit>[1];

function edit(def: unknown, op: EditOp): Record<string, unknown> {
	const result = applyEdit(def, op);
	if (!result.ok) throw new Error(`${op.action}: ${result.reason} ${result.detail ?? ''}`);
	return result.definition;
}

const { db, close } = await openDatabase({ kind: 'pglite', dataDir: null });
await migrateToLatest(db);
const library = loadLibrary();
if (!library.ok) throw new Error(library.errors.join('\n'));
await importLibrary(library.definitions, db);
const actor = (
	await db
		.insertInto('appUser')
		.values({ email: 'bench@stad.be', name: 'Bench Clerk', roles: ['clerk'] })
		.returning('id')
		.executeTakeFirstOrThrow()
).id;

// 100 fields over 10 pages, every kind in turn, each with its texts written.
const processId = 'melding-openbaar-domein';
const opened = await draftVersions.openDraft(processId, actor, db);
if (!opened) throw new Error('no draft');
let def: Record<string, unknown> = {
	...(await draftVersions.findDraft(processId, opened.version, db))!.definition,
	pages: []
};
const inputKinds = fieldTypes;
for (let p = 0; p < 10; p++) {
	def = edit(def, { action: 'add-page' });
	def = edit(def, {
		action: 'set-page',
		index: p,
		values: { title: { nl: `Pagina ${p + 1}`, en: `Page ${p + 1}` } }
	});
	for (let f = 0; f < 10; f++) {
		const type = inputKinds[(p * 10 + f) % inputKinds.length];
		const result = applyEdit(def, { action: 'add-field', page: p, type });
		if (!result.ok) throw new Error(result.reason);
		def = result.definition;
		const text = { nl: `Vraag ${p * 10 + f + 1}`, en: `Question ${p * 10 + f + 1}` };
		const values = type === 'heading' || type === 'paragraph' ? { text } : { label: text };
		def = edit(def, { action: 'set-field', key: result.subject, values });
	}
}
const checked = checkDefinition(def);
if (!checked.ok) throw new Error(JSON.stringify(checked.problems.slice(0, 5)));
const fields = checked.definition.pages.reduce((n, p) => n + p.fields.length, 0);
console.log(
	`definition: ${checked.definition.pages.length} pages, ${fields} fields, ${JSON.stringify(def).length} bytes of JSON`
);

let revision = (await draftVersions.findDraft(processId, opened.version, db))!.revision;
const first = await draftVersions.saveDraft(
	{ processId, version: opened.version, revision, definition: def, actorId: actor },
	db
);
if (!first.ok) throw new Error(first.reason);
revision = first.revision;

const timings: Record<string, number[]> = {
	checkDefinition: [],
	saveDraft: [],
	preview: [],
	'save + preview': []
};
const time = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
	const start = performance.now();
	const out = await f();
	timings[name].push(performance.now() - start);
	return out;
};
const opts = answerOptions('nl');

for (let i = 0; i < runs; i++) {
	await time('checkDefinition', () => checkDefinition(def));
	const key = `text${(i % 5) + 1}`;
	const changed = edit(def, { action: 'set-field', key, values: { hint: { nl: `Hint ${i}` } } });
	const saveStart = performance.now();
	const saved = await time('saveDraft', () =>
		draftVersions.saveDraft(
			{
				processId,
				version: opened.version,
				revision,
				definition: changed,
				actorId: actor,
				edit: { action: 'set-field', subject: key }
			},
			db
		)
	);
	if (!saved.ok) throw new Error(saved.reason);
	revision = saved.revision;
	def = changed;
	const pageIndex = i % 10;
	const html = await time('preview', async () => {
		const draft = await draftVersions.findDraft(processId, opened.version, db);
		const ok = checkDefinition(draft!.definition);
		if (!ok.ok) throw new Error('problems');
		return render(DynamicPage, {
			props: {
				definition: ok.definition,
				pageIndex,
				answers: {},
				today: opts.today,
				locale: 'nl',
				initial: listPageValues(ok.definition, pageIndex, {}),
				serverErrors: {},
				notice: undefined,
				submitLabel: 'Verder'
			}
		}).body;
	});
	if (!html.includes('<form')) throw new Error('preview rendered no form');
	timings['save + preview'].push(performance.now() - saveStart);
}

const stat = (xs: number[], q: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
console.log(`runs: ${runs}`);
for (const [name, xs] of Object.entries(timings))
	console.log(
		`${name.padEnd(16)} median ${stat(xs, 0.5).toFixed(1).padStart(7)} ms   p95 ${stat(xs, 0.95).toFixed(1).padStart(7)} ms`
	);
const p95 = stat(timings['save + preview'], 0.95);
console.log(
	`budget: save + preview p95 ${p95.toFixed(0)} ms ${p95 < 1000 ? '<' : '>='} 1000 ms: ${p95 < 1000 ? 'within' : 'OVER'} budget`
);
await close();
await vite.close();
