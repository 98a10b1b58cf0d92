// npm run forms:check — validates every file in forms/ and prints each problem on its own line.
import { readdirSync, readFileSync } from 'node:fs';
import { loadDefinitions } from '../lib/process/loader';

const dir = new URL('../../forms/', import.meta.url);
const files = Object.fromEntries(
	readdirSync(dir)
		.filter((name) => name.endsWith('.json') && name !== 'schema.json')
		.map((name) => [`forms/${name}`, readFileSync(new URL(name, dir), 'utf8')])
);
const result = loadDefinitions(files);
if (!result.ok) {
	for (const error of result.errors) console.error(error);
	process.exit(1);
}
console.log(`${result.definitions.length} process definitions valid`);
