// An archive package: one folder per dossier under ARCHIVE_DIR that describes itself:
// `dossier.json` (the dossier with its definition version, messages and the files' metadata),
// `audit.json` (its audit trail), the files under `files/` and `manifest.json` with the SHA-256 and
// size of every other file. It is written into a temporary folder beside its place and renamed
// into place only when complete, so a package in place is whole; one found in place is verified
// against its manifest, never written twice (a package that fails is set aside and written again).
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export type PackageFile = { path: string; bytes: Uint8Array };
export type Manifest = {
	format: 'loket-archive-package/1';
	reference: string;
	createdAt: string;
	files: { path: string; sha256: string; size: number }[];
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A name safe in a path: letters, digits, dot, dash and underscore, at most 120 characters. */
export function safeName(name: string): string {
	const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '_');
	return cleaned.replace(/^\.+/, '_').slice(0, 120) || 'file';
}

export function packageDir(archiveDir: string, processId: string, reference: string): string {
	return join(archiveDir, safeName(processId), safeName(reference));
}

async function exists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

/** Whether the package in `dir` matches its manifest: every file listed, present and unchanged. */
export async function verifyPackage(dir: string): Promise<boolean> {
	try {
		const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
		if (!manifest.files.some((f) => f.path === 'dossier.json')) return false;
		for (const f of manifest.files) {
			const bytes = new Uint8Array(await readFile(join(dir, f.path)));
			if (bytes.byteLength !== f.size || sha256(bytes) !== f.sha256) return false;
		}
		return true;
	} catch {
		return false;
	}
}

/**
 * Puts the package in place: verified when one is there already, else written and renamed into
 * place. `files` is called only when it must be written. Returns where it is and whether it was
 * written now.
 */
export async function placePackage(
	dir: string,
	reference: string,
	now: Date,
	files: () => Promise<PackageFile[]>
): Promise<{ dir: string; written: boolean }> {
	if (await exists(dir)) {
		if (await verifyPackage(dir)) return { dir, written: false };
		await rename(dir, `${dir}.invalid-${now.getTime()}`);
	}
	const parent = join(dir, '..');
	await mkdir(parent, { recursive: true });
	const temp = join(parent, `.tmp-${randomUUID()}`);
	try {
		const listed: Manifest['files'] = [];
		for (const f of await files()) {
			const path = join(temp, f.path);
			if (relative(temp, path).startsWith('..')) throw new Error(`bad path ${f.path}`);
			await mkdir(join(path, '..'), { recursive: true });
			await writeFile(path, f.bytes, { flush: true });
			listed.push({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.byteLength });
		}
		const manifest: Manifest = {
			format: 'loket-archive-package/1',
			reference,
			createdAt: now.toISOString(),
			files: listed
		};
		await writeFile(join(temp, 'manifest.json'), JSON.stringify(manifest, null, '\t'), {
			flush: true
		});
		await rename(temp, dir);
	} catch (e) {
		await rm(temp, { recursive: true, force: true });
		throw e;
	}
	return { dir, written: true };
}

/** Temporary folders a killed run left behind under `archiveDir` (removed at the next run). */
export async function removeLeftovers(archiveDir: string): Promise<number> {
	let removed = 0;
	if (!(await exists(archiveDir))) return 0;
	for (const processDir of await readdir(archiveDir, { withFileTypes: true })) {
		if (!processDir.isDirectory()) continue;
		const parent = join(archiveDir, processDir.name);
		for (const entry of await readdir(parent))
			if (entry.startsWith('.tmp-')) {
				await rm(join(parent, entry), { recursive: true, force: true });
				removed++;
			}
	}
	return removed;
}
