// After a fault scenario: what the database and the file store hold, against what the clients were
// told. Every acknowledged submission must be one dossier with that reference, its answers, its
// "submitted" event and its photo (a row in the attachment table and the same bytes in the file
// store: the data directory or the S3 bucket); no report may have become two dossiers; no dossier
// may be half-written. Stored files that no row names (an upload whose transaction never committed)
// are tolerated and only counted.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Acknowledged } from './clients';
import { PROCESS_ID } from './clients';

export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export type AuditResult = {
	acknowledged: number;
	found: number;
	lost: number;
	/** Acknowledged with one reference, stored under another. */
	wrongReference: number;
	/** Reports stored as more than one dossier. */
	duplicated: number;
	halfWritten: number;
	dossiers: number;
	/** Dossiers no client saw acknowledged (a submission that never got its answer). */
	unacknowledged: number;
	orphanFiles: number;
	problems: string[];
};

/** The file store as the check sees it, read straight from where the app keeps files. */
export type StoredFiles = {
	/** The SHA-256 keys of every stored file. */
	list: () => Promise<string[]>;
	/** A file's bytes, or null when it is not stored. */
	read: (sha256: string) => Promise<Uint8Array | null>;
};

/** DATA_DIR/files (storage.ts's layout: aa/bb/aabb…). */
export function localFiles(dataDir: string): StoredFiles {
	const dir = join(dataDir, 'files');
	return {
		list: () =>
			Promise.resolve(
				existsSync(dir)
					? readdirSync(dir, { recursive: true, withFileTypes: true })
							.filter((e) => e.isFile())
							.map((e) => e.name)
					: []
			),
		read: (key) => {
			const path = join(dir, key.slice(0, 2), key.slice(2, 4), key);
			return Promise.resolve(existsSync(path) ? new Uint8Array(readFileSync(path)) : null);
		}
	};
}

/**
 * An S3 bucket (s3-storage.ts's layout, no prefix: aa/bb/aabb…) served by s3rver from `directory`.
 * Its files are read through the S3 API; the list comes from s3rver's folder, because s3rver, unlike
 * S3, keeps the part of an upload that a killed worker left unfinished, and then fails every listing.
 */
export function bucketFiles(client: S3Client, bucket: string, directory: string): StoredFiles {
	const suffix = '._S3rver_object';
	return {
		list: () =>
			Promise.resolve(
				readdirSync(join(directory, bucket), { recursive: true, withFileTypes: true })
					.filter((e) => e.isFile() && e.name.endsWith(suffix))
					.map((e) => e.name.slice(0, -suffix.length))
			),
		read: async (key) => {
			try {
				const answer = await client.send(
					new GetObjectCommand({
						Bucket: bucket,
						Key: `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`
					})
				);
				return (await answer.Body?.transformToByteArray()) ?? null;
			} catch (e) {
				if ((e as Error).name === 'NoSuchKey') return null;
				throw new Error(`reading ${key} from the bucket: ${(e as Error).message}`, { cause: e });
			}
		}
	};
}

export async function audit(
	query: Query,
	files: StoredFiles,
	acknowledged: Map<string, Acknowledged>
): Promise<AuditResult> {
	const dossiers = (await query(
		`select id::text as id, reference, submission_id::text as submission_id, answers
		 from dossier where process_id = '${PROCESS_ID}'`
	)) as {
		id: string;
		reference: string;
		submission_id: string;
		answers: Record<string, unknown>;
	}[];
	const attachments = (await query(
		`select id::text as id, dossier_id::text as dossier_id, field_key, sha256, storage_key,
		        size_bytes::int as size_bytes
		 from attachment`
	)) as {
		id: string;
		dossier_id: string;
		field_key: string;
		sha256: string;
		storage_key: string;
		size_bytes: number;
	}[];
	const events = (await query(
		`select dossier_id::text as dossier_id, count(*)::int as n from dossier_event
		 where type = 'submitted' group by dossier_id`
	)) as { dossier_id: string; n: number }[];
	const draftKeys = (await query(`select sha256 from draft_file`)) as { sha256: string }[];

	const problems: string[] = [];
	const note = (text: string) => problems.length < 10 && problems.push(text);
	const submitted = new Map(events.map((e) => [e.dossier_id, e.n]));
	const bySubmission = new Map<string, typeof dossiers>();
	const byMarker = new Map<string, number>();
	for (const d of dossiers) {
		bySubmission.set(d.submission_id, [...(bySubmission.get(d.submission_id) ?? []), d]);
		const marker = /bench ([0-9a-f-]{36})/.exec(String(d.answers.omschrijving))?.[1] ?? d.id;
		byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
		if (marker !== d.submission_id) note(`dossier ${d.reference} carries report ${marker}`);
	}

	let halfWritten = 0;
	for (const d of dossiers) {
		const fault = await checkDossier(d, attachments, submitted.get(d.id) ?? 0, files);
		if (fault) {
			halfWritten++;
			note(`dossier ${d.reference} is half-written: ${fault}`);
		}
	}

	let found = 0;
	let lost = 0;
	let wrongReference = 0;
	for (const [id, ack] of acknowledged) {
		const stored = bySubmission.get(id) ?? [];
		if (stored.length === 0) {
			lost++;
			note(`submission ${id} (${ack.reference}) was acknowledged but is not stored`);
			continue;
		}
		found++;
		if (stored[0].reference !== ack.reference) {
			wrongReference++;
			note(`submission ${id}: acknowledged as ${ack.reference}, stored as ${stored[0].reference}`);
		}
		const photo = attachments.find((a) => a.dossier_id === stored[0].id);
		if (photo && photo.sha256 !== ack.submission.sha256) {
			halfWritten++;
			note(`submission ${id}: the stored photo is not the one sent`);
		}
	}

	const named = new Set([
		...attachments.map((a) => a.storage_key),
		...draftKeys.map((f) => f.sha256)
	]);
	return {
		acknowledged: acknowledged.size,
		found,
		lost,
		wrongReference,
		duplicated: [...byMarker.values()].filter((n) => n > 1).length,
		halfWritten,
		dossiers: dossiers.length,
		unacknowledged: dossiers.filter((d) => !acknowledged.has(d.submission_id)).length,
		orphanFiles: (await files.list()).filter((name) => !named.has(name)).length,
		problems
	};
}

/** What is missing from a stored dossier, or null when it is whole. */
async function checkDossier(
	d: { id: string; answers: Record<string, unknown> },
	attachments: {
		id: string;
		dossier_id: string;
		sha256: string;
		storage_key: string;
		size_bytes: number;
	}[],
	submittedEvents: number,
	files: StoredFiles
): Promise<string | null> {
	const a = d.answers;
	if (!a.categorie || !a.omschrijving || !a.locatieAdres) return 'answers missing';
	if (submittedEvents !== 1) return `${submittedEvents} "submitted" events`;
	const fotos = (a.fotos as { id: string }[] | undefined) ?? [];
	if (fotos.length !== 1) return `${fotos.length} photos in its answers`;
	const rows = attachments.filter((r) => r.dossier_id === d.id);
	if (rows.length !== 1 || rows[0].id !== fotos[0].id) return 'photo not in the attachment table';
	const bytes = await files.read(rows[0].storage_key);
	if (!bytes) return 'photo not in the file store';
	if (bytes.byteLength !== rows[0].size_bytes) return 'stored photo has the wrong size';
	if (createHash('sha256').update(bytes).digest('hex') !== rows[0].sha256)
		return 'stored photo has other bytes';
	return null;
}
