// Every endpoint of /api/v1 in one table: its method and path, the scope a token needs, the zod
// schemas of its parameters, query and body (the requests are parsed with them), its responses
// (the OpenAPI document is generated from this table) and what it does. Route files only name
// their endpoint (see serve.ts); the integration tests walk this same table.
import { z } from 'zod';
import type { Db } from '../db';
import type { Dossier } from '../db/schema';
import type { FileStorage, OpenedFile } from '../files/storage';
import { mediaTypes } from '$lib/process/fields/file';
import { MAX_REPLY_FILE_MB, type Conflict } from '../dossiers/handling';
import type { UploadRefusal } from '../files/upload';
import * as apiDossiers from './dossiers';
import * as apiFiling from './filing';
import { problem } from './problem';
import * as apiProcesses from './processes';
import * as s from './schemas';
import type { ApiClient } from './tokens';

export type Scope = 'read' | 'write';

export type Context<P, Q, B, H = unknown> = {
	client: ApiClient;
	params: P;
	query: Q;
	body: B;
	headers: H;
	db: Db;
	storage: FileStorage;
	/** Set by the handler when the call concerns one dossier, for the audit trail. */
	dossier?: Dossier;
};

export type ResponseSpec = {
	description: string;
	schema?: z.ZodType;
	/** Other than application/json (a file). */
	binary?: boolean;
};

/** A file sent as the raw body (not JSON): its bytes and the declared media type. */
export type UploadBody = { bytes: Uint8Array; type: string };

export type Endpoint<P = unknown, Q = unknown, B = unknown, H = unknown> = {
	id: string;
	method: 'GET' | 'POST';
	/** OpenAPI style, below /api/v1: /dossiers/{id}. */
	path: string;
	tag: 'Dossiers' | 'Processes';
	summary: string;
	description: string;
	scope: Scope;
	params?: z.ZodType<P>;
	query?: z.ZodType<Q>;
	body?: z.ZodType<B>;
	/** Request headers the endpoint reads (parsed like the query). */
	headers?: z.ZodType<H>;
	/** The body is a file, sent raw with one of these media types (then `body` is an UploadBody). */
	upload?: { types: readonly string[]; maxBytes: number };
	responses: Record<number, ResponseSpec>;
	handle: (ctx: Context<P, Q, B, H>) => Promise<Response>;
};

function define<P, Q, B, H = unknown>(e: Endpoint<P, Q, B, H>): Endpoint {
	return e as unknown as Endpoint;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}

const dossierNotFound = () =>
	problem('not-found', 404, { detail: 'No dossier with this id or reference for this token.' });

const conflictProblem = (c: Conflict) =>
	problem('conflict', 409, {
		detail: 'The dossier changed since the version you sent.',
		changedAt: c.changedAt.toISOString(),
		changedBy: c.changedBy
	});

const uploadRefusals: Record<UploadRefusal, string> = {
	'too-large': `larger than ${MAX_REPLY_FILE_MB} MB.`,
	type: 'not an accepted type, or its name or Content-Type says another type than its content.',
	dimensions: 'an image with too many pixels.',
	'active-content': 'contains active content (a web page or archive inside the file).',
	empty: 'empty (0 bytes).'
};

/** The dossier of the path, recorded on the context for the audit trail, or null. */
async function dossierOf(ctx: Context<{ id: string }, unknown, unknown>) {
	const dossier = await apiDossiers.findDossier(ctx.client, ctx.params.id, ctx.db);
	if (dossier) ctx.dossier = dossier;
	return dossier;
}

/** A file to download: as stored, with its SHA-256 in `Repr-Digest`, never run by a browser. */
/** A stored file, streamed; its key is its SHA-256, checked as the bytes flow (storage.ts). */
function download(file: OpenedFile) {
	const digest = Buffer.from(file.sha256, 'hex').toString('base64');
	return new Response(file.body, {
		headers: {
			'content-type': file.type,
			'content-length': String(file.size),
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'repr-digest': `sha-256=:${digest}:`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
}

export const endpoints: Endpoint[] = [
	define({
		id: 'listDossiers',
		method: 'GET',
		path: '/dossiers',
		tag: 'Dossiers',
		summary: 'List dossiers',
		description:
			'Dossiers with the back-office inbox’s filters, newest first by default, in keyset pages: ' +
			'pass `next` as `after` for the next page (pages never skip or repeat a dossier).\n\n' +
			'Incremental sync: with `cursor` (start with `c0`) or `changed_since`, the page lists the ' +
			'dossiers changed since (a new state, assignment, message, note, event or attachment), ' +
			'each once in its latest state, in the order of their last change; pass its `next` as ' +
			'`cursor` the next time, with the same `process` filter. While `more` is true, call again ' +
			'at once. A page never passes a change that is still being written: a client that always ' +
			'passes the `next` it got misses no change, whatever order concurrent changes commit in. ' +
			'A dossier changed again later comes again.\n\n' +
			'Every dossier on a page is recorded in its access log with the token’s name.',
		scope: 'read',
		query: s.dossierListQuery,
		responses: {
			200: { description: 'One page of dossiers (or of changes).', schema: s.dossierList }
		},
		handle: async (ctx) => {
			if (!ctx.query.cursor && !ctx.query.changed_since)
				return json(200, await apiDossiers.listDossiers(ctx.client, ctx.query, ctx.db));
			const changes = await apiDossiers.listChanges(ctx.client, ctx.query, ctx.db);
			return changes.ok
				? json(200, changes.list)
				: problem('bad-request', 400, {
						detail: 'A sync page takes only `process` and `limit` besides its cursor.',
						errors: changes.errors
					});
		}
	}),
	define({
		id: 'createDossier',
		method: 'POST',
		path: '/dossiers',
		tag: 'Dossiers',
		summary: 'File a dossier',
		description:
			'Files a request under the current version of a process, as the citizen’s form does: ' +
			'the answers are checked with the same rules and messages (the `errors` name each field; ' +
			'address parts as `adres.street`, files as `bijlage.0`), files pass the same checks ' +
			'(their content decides their type), and the applicant gets the same receipt mail with a ' +
			'link to follow it. The dossier’s `channel` is `api` and its audit trail names the token. ' +
			'The `Idempotency-Key` header is required: a retry with the same key and body answers 200 ' +
			'with the dossier made the first time; the same key with another body is refused (422). ' +
			'Webhooks get `dossier.created`.',
		scope: 'write',
		headers: s.createDossierHeaders,
		body: s.createDossierBody,
		responses: {
			201: { description: 'Filed: the new dossier.', schema: s.dossierDetail },
			200: { description: 'A retry: the dossier this key made before.', schema: s.dossierDetail },
			422: {
				description:
					'The answers are not complete or valid (see `errors`), the process is unknown to this ' +
					'token or closed, or the key was used with another body.'
			}
		},
		handle: async (ctx) => {
			const result = await apiFiling.fileDossier(
				ctx.client,
				ctx.headers['Idempotency-Key'],
				ctx.body,
				{ storage: ctx.storage },
				ctx.db
			);
			if (!result.ok)
				return result.reason === 'key-reused'
					? problem('idempotency-key-reused', 422, {
							detail: 'This Idempotency-Key was used with another request: use a new key.'
						})
					: problem('invalid', 422, {
							detail: 'The dossier was not filed: see `errors`.',
							errors: result.errors
						});
			ctx.dossier = result.dossier;
			return json(
				result.created ? 201 : 200,
				await apiDossiers.describeDossier(result.dossier, ctx.db),
				{ location: `/api/v1/dossiers/${result.dossier.id}` }
			);
		}
	}),
	define({
		id: 'getDossier',
		method: 'GET',
		path: '/dossiers/{id}',
		tag: 'Dossiers',
		summary: 'Get a dossier',
		description:
			'Everything staff see: answers, attachments (metadata; download each from its `href`), ' +
			'messages and internal notes, the audit trail, and the transitions that may be taken now. ' +
			'The read is recorded in the dossier’s access log with the token’s name.',
		scope: 'read',
		params: s.dossierPath,
		responses: {
			200: { description: 'The dossier.', schema: s.dossierDetail },
			404: { description: 'No such dossier for this token.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			return json(200, await apiDossiers.readDossier(ctx.client, dossier, ctx.db));
		}
	}),
	define({
		id: 'getAttachment',
		method: 'GET',
		path: '/dossiers/{id}/attachments/{attachmentId}',
		tag: 'Dossiers',
		summary: 'Download an attachment',
		description:
			'The file as received, with its sniffed media type; the `Repr-Digest` header carries ' +
			'its SHA-256. The download is recorded in the dossier’s access log.',
		scope: 'read',
		params: s.attachmentPath,
		responses: {
			200: { description: 'The file.', binary: true },
			404: { description: 'No such dossier or attachment for this token.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const file = await apiDossiers.openAttachment(
				ctx.client,
				dossier,
				ctx.params.attachmentId,
				{ storage: ctx.storage },
				ctx.db
			);
			if (!file) return problem('not-found', 404, { detail: 'No such attachment.' });
			return download(file);
		}
	}),
	define({
		id: 'getDocument',
		method: 'GET',
		path: '/dossiers/{id}/documents/{documentId}',
		tag: 'Dossiers',
		summary: 'Download an issued document',
		description:
			'A decision or certificate the municipality issued, as a PDF (sealed when the ' +
			'municipality configured its seal); the `Repr-Digest` header carries its SHA-256. The ' +
			'download is recorded in the dossier’s access log.',
		scope: 'read',
		params: s.documentPath,
		responses: {
			200: { description: 'The file.', binary: true },
			404: { description: 'No such dossier or document for this token.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const file = await apiDossiers.openDocument(
				ctx.client,
				dossier,
				ctx.params.documentId,
				{ storage: ctx.storage },
				ctx.db
			);
			if (!file) return problem('not-found', 404, { detail: 'No such document.' });
			return download(file);
		}
	}),
	define({
		id: 'transitionDossier',
		method: 'POST',
		path: '/dossiers/{id}/transitions',
		tag: 'Dossiers',
		summary: 'Take a workflow transition',
		description:
			'Moves the dossier along one of its `transitions`, with the same rules as the back-office: ' +
			'send the `version` you read; if the dossier changed since, nothing happens and the answer ' +
			'is 409 with who changed it and when. The audit trail names the token.',
		scope: 'write',
		params: s.dossierPath,
		body: s.transitionBody,
		responses: {
			200: { description: 'Done: the dossier as it is now.', schema: s.dossierDetail },
			404: { description: 'No such dossier for this token.' },
			409: { description: 'The dossier changed since `version`: read it again.' },
			422: { description: 'Not allowed now, or a required note is missing.' },
			500: { description: 'A document the transition issues could not be made; nothing changed.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const result = await apiDossiers.transition(ctx.client, dossier, ctx.body, ctx.db);
			if (result.ok) return json(200, await apiDossiers.describeDossier(result.dossier, ctx.db));
			switch (result.reason) {
				case 'not-found':
					return dossierNotFound();
				case 'conflict':
					return conflictProblem(result);
				case 'note-required':
					return problem('invalid', 422, {
						detail: 'This transition needs a note.',
						errors: [{ name: 'note', message: 'Required for this transition.' }]
					});
				case 'too-long':
					return problem('invalid', 422, {
						errors: [{ name: 'note', message: 'Too long.' }]
					});
				case 'not-allowed':
					return problem('not-allowed', 422, {
						detail: `Transition "${ctx.body.transition}" cannot be taken from state "${dossier.status}".`
					});
				case 'document-failed':
					return problem('server-error', 500, {
						detail: `The transition issues a document that could not be made, so it was not taken: ${result.message}`
					});
			}
		}
	}),
	define({
		id: 'postMessage',
		method: 'POST',
		path: '/dossiers/{id}/messages',
		tag: 'Dossiers',
		summary: 'Add a message or an internal note',
		description:
			'A message to the citizen (mailed to them, as from the municipality) or, with ' +
			'`internal: true`, a note only staff see.',
		scope: 'write',
		params: s.dossierPath,
		body: s.messageBody,
		responses: {
			201: { description: 'Stored.', schema: s.messageCreated },
			404: { description: 'No such dossier for this token.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const result = await apiDossiers.postMessage(ctx.client, dossier, ctx.body, ctx.db);
			if (!result.ok)
				return result.reason === 'not-found'
					? dossierNotFound()
					: problem('invalid', 422, { errors: [{ name: 'body', message: result.reason }] });
			return json(
				201,
				{ id: result.messageId, dossierId: dossier.id, internal: ctx.body.internal },
				{ location: `/api/v1/dossiers/${dossier.id}` }
			);
		}
	}),
	define({
		id: 'addAttachment',
		method: 'POST',
		path: '/dossiers/{id}/attachments',
		tag: 'Dossiers',
		summary: 'Add a document',
		description:
			'Adds a file to the dossier (a scan, a decision letter), also to a closed one. Send the ' +
			'file itself as the body (not a form), with its media type or `application/octet-stream` ' +
			'as `Content-Type` and its name in `Content-Disposition`. It passes the same checks as ' +
			'every upload: its type is read from its content (PDF, JPEG, PNG, HEIC, WebP, DOCX or ' +
			'ODT; a name or type that says otherwise is refused), at most ' +
			`${MAX_REPLY_FILE_MB} MB, no hidden web page or archive inside. Staff see it in the ` +
			'dossier; the audit trail names the token.',
		scope: 'write',
		params: s.dossierPath,
		headers: s.attachmentUploadHeaders,
		upload: { types: mediaTypes, maxBytes: MAX_REPLY_FILE_MB * 1024 * 1024 },
		responses: {
			201: { description: 'Stored.', schema: s.attachmentSchema },
			404: { description: 'No such dossier for this token.' },
			422: { description: 'The file is refused: see `errors`.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const upload = ctx.body as UploadBody;
			const result = await apiDossiers.addDocument(
				ctx.client,
				dossier,
				{ ...upload, fileName: apiDossiers.fileNameOf(ctx.headers['Content-Disposition']) },
				{ storage: ctx.storage },
				ctx.db
			);
			if (result.ok)
				return json(201, apiDossiers.describeAttachment(dossier.id, result.attachment), {
					location: `/api/v1/dossiers/${dossier.id}/attachments/${result.attachment.id}`
				});
			if (result.reason === 'not-found') return dossierNotFound();
			return problem('invalid', 422, {
				detail: 'The file is refused.',
				errors: [{ name: 'file', message: `${result.name}: ${uploadRefusals[result.reason]}` }]
			});
		}
	}),
	define({
		id: 'assignDossier',
		method: 'POST',
		path: '/dossiers/{id}/assignment',
		tag: 'Dossiers',
		summary: 'Assign or unassign',
		description:
			'Assigns the dossier to a staff member (by user id or e-mail address) or, with ' +
			'`assignee: null`, to no one; with the same rules as the back-office: send the `version` ' +
			'you read; if the dossier changed since, nothing happens and the answer is 409 with who ' +
			'changed it and when. The audit trail names the token.',
		scope: 'write',
		params: s.dossierPath,
		body: s.assignmentBody,
		responses: {
			200: { description: 'Done: the dossier as it is now.', schema: s.dossierDetail },
			404: { description: 'No such dossier for this token.' },
			409: { description: 'The dossier changed since `version`: read it again.' },
			422: { description: 'No staff member with this id or e-mail address.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			const result = await apiDossiers.assign(ctx.client, dossier, ctx.body, ctx.db);
			if (result.ok) return json(200, await apiDossiers.describeDossier(result.dossier, ctx.db));
			if (result.reason === 'not-found') return dossierNotFound();
			if (result.reason === 'conflict') return conflictProblem(result);
			return problem('invalid', 422, {
				detail: 'No staff member with this id or e-mail address.',
				errors: [{ name: 'assignee', message: 'Not a staff member.' }]
			});
		}
	}),
	define({
		id: 'listProcesses',
		method: 'GET',
		path: '/processes',
		tag: 'Processes',
		summary: 'List processes and their versions',
		description:
			'Every process this token may see, with the status of each definition version ' +
			'(drafts included, without their content).',
		scope: 'read',
		responses: { 200: { description: 'The processes.', schema: s.processList } },
		handle: async (ctx) => json(200, await apiProcesses.listProcesses(ctx.client, ctx.db))
	}),
	define({
		id: 'getDefinition',
		method: 'GET',
		path: '/processes/{id}/versions/{version}',
		tag: 'Processes',
		summary: 'Get a process definition version',
		description:
			'A published or retired definition: its fields, conditions and workflow. A dossier’s ' +
			'answers follow the version it was filed with (`process.version`).',
		scope: 'read',
		params: s.versionPath,
		responses: {
			200: { description: 'The definition.', schema: s.definitionResponse },
			404: { description: 'No such published version for this token.' }
		},
		handle: async (ctx) => {
			const found = await apiProcesses.findDefinition(
				ctx.client,
				ctx.params.id,
				ctx.params.version,
				ctx.db
			);
			return found
				? json(200, found)
				: problem('not-found', 404, { detail: 'No such published version.' });
		}
	})
];

export function getEndpoint(id: string): Endpoint {
	const endpoint = endpoints.find((e) => e.id === id);
	if (!endpoint) throw new Error(`No API endpoint ${id}`);
	return endpoint;
}
