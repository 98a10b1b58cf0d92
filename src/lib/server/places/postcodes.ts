// The official list of Belgian postcodes, installed by the operator (bpost publishes it; it cannot
// be fetched from here): a text file with one `postcode;place name` per line, in any of the
// national languages and as many lines per postcode as it has places. With it, the server checks
// that a postcode exists and that postcode and municipality agree; without it, only the format.
import { existsSync, readFileSync } from 'node:fs';
import type { PostcodeDirectory } from '$lib/process/answers';

export function parsePostcodeList(text: string): Map<string, string[]> {
	const places = new Map<string, string[]>();
	for (const line of text.split(/\r?\n/)) {
		const [code, ...rest] = line.split(/[;,\t]/).map((cell) => cell.trim().replace(/^"|"$/g, ''));
		const name = rest.join(' ').trim();
		// Header lines and blank lines have no 4-digit postcode in front.
		if (!/^\d{4}$/.test(code ?? '') || !name) continue;
		const names = places.get(code) ?? [];
		if (!names.includes(name)) names.push(name);
		places.set(code, names);
	}
	return places;
}

export function toDirectory(places: Map<string, string[]>): PostcodeDirectory {
	return { namesOf: (postcode) => places.get(postcode) ?? null };
}

let directory: PostcodeDirectory | undefined;

/** Reads the list once at start-up; returns how many postcodes it holds (0 when absent). */
export function installPostcodeList(file: string | undefined): number {
	if (!file || !existsSync(file)) {
		directory = undefined;
		return 0;
	}
	const places = parsePostcodeList(readFileSync(file, 'utf8'));
	directory = places.size > 0 ? toDirectory(places) : undefined;
	return places.size;
}

export function getPostcodeDirectory(): PostcodeDirectory | undefined {
	return directory;
}
