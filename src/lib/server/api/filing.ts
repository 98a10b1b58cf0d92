// Filing a dossier through the API: another system (a mid-office taking a request by phone or at
// the desk) files under a process's current published version with the answers as JSON. The
// answers go through the form's own rules (every page that applies, read as if posted, then the
// whole-submission check), files through the one upload gate, and the dossier is stored as the form
// stores it (reference, due date, receipt, `submitted` event naming the token, dossier.created
// webhook), with channel `api`. The dossier has no account: the applicant follows it with the
// tracking link mailed in the receipt. An Idempotency-Key, per token, makes a retry return the same
// dossier; the same key with another request is refused.
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { findApplicant } from '$lib/process/applicant';
import {
	readSubmission,
	validateSubmission,
	type AnswerMap,
	type StoredFile
} from '$lib/process/answers';
import type { ProcessDefinition } from '$lib/process/definition';
import type { InputField } from '$lib/process/fields';
import { isInputField } from '$lib/process/fields/kinds';
import { addressParts } from '$lib/process/answers';
import { getDb, type Db } from '../db';
import type { Dossier } from '../db/schema';
import * as dossierRepo from '../dossiers/repository';
import { insertFiled } from '../dossiers/service';
import type { FileStorage } from '../files/storage';
import { checkUpload, type UploadRefusal } from '../files/upload';
import { serverAnswerOptions } from '../filing/options';
import * as processes from '../processes/service';
import { generateToken, hashToken } from '../tokens';
import type { FieldError } from './problem';
import * as repo from './repository';
import type * as schemas from './schemas';
import { canSeeProcess, type ApiClient } from './tokens';

type Body = z.output<typeof schemas.createDossierBody>;

export type FileResult =
	| { ok: true; dossier: Dossier; created: boolean }
	| { ok: false; reason: 'key-reused' }
	| { ok: false; reason: 'invalid'; errors: FieldError[] };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const refusals: Record<UploadRefusal, string> = {
	'too-large': 'is larger than this field allows',
	type: 'is not of a type this field accepts (the content decides, not the name)',
	dimensions: 'is an image with too many pixels',
	'active-content': 'contains active content (a web page or archive inside the file)',
	empty: 'is empty (0 bytes)'
};

/** The same key and request always give the same hash, whatever the order of object keys. */
function hashRequest(value: unknown): string {
	const canonical = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(canonical)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.keys(v)
							.sort()
							.map((k) => [k, canonical((v as Record<string, unknown>)[k])])
					)
				: v;
	return createHash('sha256')
		.update(JSON.stringify(canonical(value)))
		.digest('hex');
}

/** A uuid made from the token and its key: the dossier's submission id, unique in the database. */
function submissionIdOf(tokenId: string, key: string): string {
	const h = createHash('sha256').update(`api:${tokenId}:${key}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** The JSON answer of one field as its form would post it, or what is wrong with its type. */
function toFlat(f: InputField, value: unknown): Record<string, unknown> | string {
	if (value === null || value === undefined) return {};
	switch (f.type) {
		case 'address': {
			if (typeof value !== 'object' || Array.isArray(value))
				return `expected an object with ${addressParts.join(', ')}`;
			const parts = value as Record<string, unknown>;
			const flat: Record<string, unknown> = {};
			for (const p of addressParts) {
				const v = parts[p] ?? '';
				if (text(v) === null) return `expected ${p} as a string`;
				flat[`${f.key}.${p}`] = text(v);
			}
			return flat;
		}
		case 'checkboxes':
			return Array.isArray(value) && value.every((v) => typeof v === 'string')
				? { [f.key]: value }
				: 'expected an array of option values';
		case 'consent':
		case 'yesNo':
			if (typeof value !== 'boolean') return 'expected true or false';
			return f.type === 'consent' ? { [f.key]: value } : { [f.key]: value ? 'ja' : 'nee' };
		case 'number':
			// A JSON number has a decimal point; the form's reading takes a comma (a point groups).
			if (typeof value === 'number') return { [f.key]: String(value).replace('.', ',') };
			return typeof value === 'string' ? { [f.key]: value } : 'expected a number';
		case 'file':
			return {};
		case 'date':
		case 'email':
		case 'enterpriseNumber':
		case 'iban':
		case 'licensePlate':
		case 'nationalNumber':
		case 'postcode':
		case 'radio':
		case 'select':
		case 'tel':
		case 'text':
		case 'textarea':
			return text(value) === null ? 'expected a string' : { [f.key]: text(value) };
	}
}

type PreparedFile = { stored: StoredFile; bytes: Uint8Array; fieldKey: string };

/** Decodes and checks the files of file fields: `[{ fileName, content (base64) }]`. */
async function prepareFiles(
	fields: Map<string, InputField>,
	answers: Record<string, unknown>,
	errors: FieldError[]
): Promise<PreparedFile[]> {
	const prepared: PreparedFile[] = [];
	for (const f of fields.values()) {
		if (f.type !== 'file' || answers[f.key] === undefined || answers[f.key] === null) continue;
		const list = answers[f.key];
		if (!Array.isArray(list)) {
			errors.push({ name: f.key, message: 'expected an array of { fileName, content }' });
			continue;
		}
		for (const [i, item] of list.entries()) {
			const { fileName, content } = (item ?? {}) as { fileName?: unknown; content?: unknown };
			if (typeof fileName !== 'string' || typeof content !== 'string' || !BASE64.test(content)) {
				errors.push({
					name: `${f.key}.${i}`,
					message: 'expected { fileName, content } with the content in base64'
				});
				continue;
			}
			const bytes = Buffer.from(content, 'base64');
			const checked = await checkUpload(new File([bytes], fileName), {
				accept: f.accept,
				maxBytes: f.maxSizeMb * 1024 * 1024
			});
			if (!checked.ok) {
				errors.push({
					name: `${f.key}.${i}`,
					message: `${checked.name} ${refusals[checked.reason]}`
				});
				continue;
			}
			prepared.push({
				fieldKey: f.key,
				bytes: checked.bytes,
				stored: {
					id: randomUUID(),
					name: checked.name,
					size: checked.bytes.byteLength,
					type: checked.type
				}
			});
		}
	}
	return prepared;
}

/** Reads the JSON answers with the form's rules; the canonical answers, or errors per field. */
async function readAnswers(
	definition: ProcessDefinition,
	body: Body,
	errors: FieldError[]
): Promise<{ answers: AnswerMap; files: PreparedFile[] }> {
	const fields = new Map<string, InputField>(
		definition.pages.flatMap((p) => p.fields.filter(isInputField)).map((f) => [f.key, f])
	);
	const flat: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body.answers)) {
		const f = fields.get(key);
		if (!f) {
			errors.push({ name: key, message: 'no such field in this process version' });
			continue;
		}
		const converted = toFlat(f, value);
		if (typeof converted === 'string') errors.push({ name: key, message: converted });
		else Object.assign(flat, converted);
	}
	const files = await prepareFiles(fields, body.answers, errors);
	const byField: Record<string, StoredFile[]> = {};
	for (const p of files) (byField[p.fieldKey] ??= []).push(p.stored);
	for (const [key, stored] of Object.entries(byField))
		Object.assign(flat, { [`${key}.keep`]: stored.map((s) => s.id) });
	if (errors.length > 0) return { answers: {}, files };
	const opts = serverAnswerOptions(body.language);
	const read = readSubmission(definition, flat, byField, opts);
	errors.push(...read.issues.map(({ name, message }) => ({ name, message })));
	for (const key of Object.keys(body.answers))
		if (!read.applied.includes(key) && body.answers[key] !== null)
			errors.push({ name: key, message: 'this question does not apply to these answers' });
	return { answers: read.answers, files };
}

/** Files a dossier for this client (see the top of this file). */
export async function fileDossier(
	client: ApiClient,
	idempotencyKey: string,
	body: Body,
	deps: { storage: FileStorage },
	db: Db = getDb(),
	now = new Date()
): Promise<FileResult> {
	const requestHash = hashRequest(body);
	const earlier = await repo.findIdempotency(db, client.tokenId, idempotencyKey);
	if (earlier) {
		if (earlier.requestHash !== requestHash) return { ok: false, reason: 'key-reused' };
		const dossier = await dossierRepo.findById(db, earlier.dossierId);
		if (dossier) return { ok: true, dossier, created: false };
	}
	const product = canSeeProcess(client, body.process)
		? await processes.findProduct(body.process, db)
		: null;
	if (!product)
		return {
			ok: false,
			reason: 'invalid',
			errors: [{ name: 'process', message: 'No such process open for filing for this token.' }]
		};
	const { definition, version } = product;
	const errors: FieldError[] = [];
	const { answers, files } = await readAnswers(definition, body, errors);
	if (errors.length === 0) {
		// The whole-submission check the form's submit makes, on the canonical answers.
		const issues = validateSubmission(definition, answers, serverAnswerOptions(body.language));
		errors.push(...issues.map(({ name, message }) => ({ name, message })));
	}
	if (errors.length > 0) return { ok: false, reason: 'invalid', errors };

	// Files are content-addressed: storing them before the transaction is harmless if it fails.
	const stored: (PreparedFile & { sha256: string; size: number })[] = [];
	for (const f of files) stored.push({ ...f, ...(await deps.storage.put(f.bytes)) });
	const trackingToken = generateToken();
	const submissionId = submissionIdOf(client.tokenId, idempotencyKey);
	const result = await db.transaction().execute(async (trx) => {
		const filed = await insertFiled(
			trx,
			{
				processId: body.process,
				processVersion: version,
				definition,
				answers,
				language: body.language,
				ownerId: null,
				guestTokenHash: hashToken(trackingToken),
				applicant: findApplicant(definition, answers),
				submissionId,
				channel: 'api',
				actorLabel: `API: ${client.name}`,
				trackingToken
			},
			now,
			async (dossier) => {
				for (const s of stored)
					await dossierRepo.insertAttachment(trx, {
						id: s.stored.id,
						dossierId: dossier.id,
						fieldKey: s.fieldKey,
						messageId: null,
						documentRequestId: null,
						fileName: s.stored.name,
						mediaType: s.stored.type,
						sizeBytes: s.size,
						sha256: s.sha256,
						uploadedBy: null
					});
				await repo.insertIdempotency(trx, {
					tokenId: client.tokenId,
					key: idempotencyKey,
					requestHash,
					dossierId: dossier.id
				});
			}
		);
		return filed;
	});
	if (!result.created) {
		// Another call with the same key won a race: it decides.
		const winner = await repo.findIdempotency(db, client.tokenId, idempotencyKey);
		if (winner && winner.requestHash !== requestHash) return { ok: false, reason: 'key-reused' };
	}
	return { ok: true, ...result };
}
