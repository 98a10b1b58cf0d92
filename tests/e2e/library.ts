// The shipped process library as the tests read it: straight from forms/*.json on disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LibraryEntry = {
	id: string;
	title: { nl: string; en?: string };
	summary: { nl: string; en?: string };
	keywords?: string[];
	category: string;
	audience: string[];
	auth: string;
	workflow: { initial: string; states: { id: string; citizenText: { nl: string } }[] };
};

const dir = join(import.meta.dirname, '..', '..', 'forms');

export const library: LibraryEntry[] = readdirSync(dir)
	.filter((f) => f.endsWith('.json') && f !== 'schema.json')
	.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as LibraryEntry);
