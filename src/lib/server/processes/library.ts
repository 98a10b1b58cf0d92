// The shipped process library: every JSON file in /forms, bundled into the server at build time
// so a deployment needs nothing beside the build. `forms/schema.json` is the generated schema,
// not a process.
import { loadDefinitions, type LoadResult } from '$lib/process/loader';

const files = import.meta.glob<string>('/forms/*.json', {
	query: '?raw',
	import: 'default',
	eager: true
});

export function readLibraryFiles(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(files)
			.filter(([path]) => !path.endsWith('/schema.json'))
			.map(([path, text]) => [path.replace(/^\//, ''), text])
	);
}

export function loadLibrary(): LoadResult {
	return loadDefinitions(readLibraryFiles());
}
