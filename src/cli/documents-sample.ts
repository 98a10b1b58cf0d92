// npm run documents:sample -- --process attest-gezinssamenstelling [--template attest] --out attest.pdf
// Renders a document template of a library process (forms/) for a made-up dossier, as Loket would
// issue it: sealed when SEAL_P12_FILE (and SEAL_P12_PASSWORD) are set, with MUNICIPALITY_NAME and
// MUNICIPALITY_LOGO_FILE. For clerks checking a template, and for scripts.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDefinition } from '../lib/process/loader';
import { isLocale, locales } from '../lib/process/text';
import { parseConfig } from '../lib/server/config-schema';
import { renderTemplate, sampleContext } from '../lib/server/documents/compose';

const USAGE =
	'Usage: npm run documents:sample -- --process <id> [--template <id>] [--language nl|en|fr] --out <file.pdf>';

function fail(message: string): never {
	console.error(`${message}\n${USAGE}`);
	process.exit(1);
}

const { values } = parseArgs({
	options: {
		process: { type: 'string' },
		template: { type: 'string' },
		language: { type: 'string', default: 'nl' },
		out: { type: 'string' }
	}
});
if (!values.process || !values.out) fail('give --process and --out');
if (!isLocale(values.language)) fail(`--language is one of ${locales.join(', ')}`);
const locale = values.language;

const file = `forms/${values.process}.json`;
let source: string;
try {
	source = readFileSync(file, 'utf8');
} catch {
	fail(`no library process ${values.process} (${file})`);
}
const parsed = parseDefinition(file, source);
if (!parsed.ok) fail(parsed.errors.join('\n'));
const definition = parsed.definition;
const templates = definition.documents ?? [];
const template = values.template ? templates.find((t) => t.id === values.template) : templates[0];
if (!template)
	fail(
		templates.length === 0
			? `${values.process} has no document templates`
			: `no template ${values.template}; there are: ${templates.map((t) => t.id).join(', ')}`
	);

const config = parseConfig(process.env);
const { bytes } = await renderTemplate(
	definition,
	template,
	sampleContext(definition, locale, new Date()),
	{
		municipalityName: config.municipalityName,
		logoFile: config.documents.logoFile,
		seal: config.documents.seal,
		origin: config.origin ?? `http://localhost:${config.port}`
	}
);
writeFileSync(values.out, bytes);
console.log(
	`${values.out}: ${template.id} (${template.kind}) of ${definition.id}, ${bytes.byteLength} bytes, ${config.documents.seal ? 'sealed' : 'not sealed (no SEAL_P12_FILE)'}`
);
