// Uploaded documents: a file field posts new uploads under its key and the ids of the files it
// keeps under `key.keep`. Its answer is the list of stored files; new uploads become stored
// files when the page is saved (the server sniffs and stores them).
import { formatFileSize } from '../../format';
import { fail, type FieldModule, type Issue } from '../module';
import type { FileField } from './definition';

export const mediaTypes = [
	'application/pdf',
	'image/jpeg',
	'image/png',
	'image/heic',
	'image/webp',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.oasis.opendocument.text'
] as const;

export type StoredFile = { id: string; name: string; size: number; type: string };

/** The accepted types in words a citizen knows: PDF, JPG, PNG… */
export function describeAccept(accept: readonly string[]): string {
	const names: Record<string, string> = {
		'application/pdf': 'PDF',
		'image/jpeg': 'JPG',
		'image/png': 'PNG',
		'image/heic': 'HEIC',
		'image/webp': 'WEBP',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
		'application/vnd.oasis.opendocument.text': 'ODT'
	};
	return accept.map((t) => names[t] ?? t).join(', ');
}

/**
 * A file the citizen chose. An empty file input posts a nameless, empty file, which is no upload;
 * a chosen file that is empty (0 bytes: a failed download, a cloud file not on the phone) is one,
 * and is refused at its field with that reason, rather than dropped unseen.
 */
export function isChosenFile(file: File): boolean {
	return file.size > 0 || file.name !== '';
}

function uploadsOf(f: FileField, flat: Record<string, unknown>): File[] {
	return ((flat[f.key] as File[] | undefined) ?? []).filter(isChosenFile);
}

export const file: FieldModule<FileField, StoredFile[]> = {
	kind: 'files',
	posted: (f) => ({ [f.key]: 'files', [`${f.key}.keep`]: 'list' }),
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const keep = (flat[`${f.key}.keep`] as string[] | undefined) ?? [];
		const kept = (ctx.saved ?? []).filter((stored) => keep.includes(stored.id));
		const uploads = uploadsOf(f, flat);
		const issues: Issue[] = [];
		for (const upload of uploads) {
			if (upload.size === 0)
				issues.push({ name: f.key, message: m.fileEmpty({ label, name: upload.name }) });
			else if (upload.size > f.maxSizeMb * 1024 * 1024)
				issues.push({
					name: f.key,
					message: m.fileSize({ label, name: upload.name, maxMb: f.maxSizeMb })
				});
			else if (upload.type && !(f.accept as string[]).includes(upload.type))
				issues.push({
					name: f.key,
					message: m.fileType({ label, name: upload.name, accepted: describeAccept(f.accept) })
				});
		}
		const count = kept.length + uploads.length;
		if (count > f.maxFiles)
			issues.push({ name: f.key, message: m.fileCount({ label, max: f.maxFiles }) });
		if (issues.length > 0) return { issues };
		if (count === 0) return f.required ? fail(f.key, m.required({ label })) : { issues: [] };
		// New uploads become stored files when the page is saved; here only the kept ones are known.
		return { value: kept, issues: [] };
	},
	write: (f, value) => ({ [f.key]: undefined, [`${f.key}.keep`]: (value ?? []).map((s) => s.id) }),
	display: (_f, value, { locale }) =>
		value.map((s) => `${s.name} (${formatFileSize(s.size, locale)})`).join('\n'),
	uploads: uploadsOf
};
