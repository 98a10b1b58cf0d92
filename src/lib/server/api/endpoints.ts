// Every endpoint of /api/v1 in one table: its method and path, the scope a token needs, the zod
// schemas of its parameters, query and body (the requests are parsed with them), its responses
// (the OpenAPI document is generated from this table) and what it does. Route files only name
// their endpoint (see serve.ts); the integration tests walk this same table.
import { z } from 'zod';
import type { Db } from '../db';
import type { Dossier } from '../db/schema';
import type { FileStorage } from '../files/storage';
import * as apiDossiers from './dossiers';
import { problem } from './problem';
import * as apiProcesses from './processes';
import * as s from './schemas';
import type { ApiClient } from './tokens';

export type Scope = 'read' | 'write';

export type Context<P, Q, B> = {
	client: ApiClient;
	params: P;
	query: Q;
	body: B;
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

export type Endpoint<P = unknown, Q = unknown, B = unknown> = {
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
	responses: Record<number, ResponseSpec>;
	handle: (ctx: Context<P, Q, B>) => Promise<Response>;
};

function define<P, Q, B>(e: Endpoint<P, Q, B>): Endpoint {
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

/** The dossier of the path, recorded on the context for the audit trail, or null. */
async function dossierOf(ctx: Context<{ id: string }, unknown, unknown>) {
	const dossier = await apiDossiers.findDossier(ctx.client, ctx.params.id, ctx.db);
	if (dossier) ctx.dossier = dossier;
	return dossier;
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
			'pass `next` as `after` for the next page (pages never skip or repeat a dossier).',
		scope: 'read',
		query: s.dossierListQuery,
		responses: { 200: { description: 'One page of dossiers.', schema: s.dossierList } },
		handle: async (ctx) => json(200, await apiDossiers.listDossiers(ctx.client, ctx.query, ctx.db))
	}),
	define({
		id: 'getDossier',
		method: 'GET',
		path: '/dossiers/{id}',
		tag: 'Dossiers',
		summary: 'Get a dossier',
		description:
			'Everything staff see: answers, attachments (metadata; download each from its `href`), ' +
			'messages and internal notes, the audit trail, and the transitions that may be taken now.',
		scope: 'read',
		params: s.dossierPath,
		responses: {
			200: { description: 'The dossier.', schema: s.dossierDetail },
			404: { description: 'No such dossier for this token.' }
		},
		handle: async (ctx) => {
			const dossier = await dossierOf(ctx);
			if (!dossier) return dossierNotFound();
			return json(200, await apiDossiers.describeDossier(dossier, ctx.db));
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
			'its SHA-256.',
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
				dossier,
				ctx.params.attachmentId,
				{ storage: ctx.storage },
				ctx.db
			);
			if (!file) return problem('not-found', 404, { detail: 'No such attachment.' });
			const digest = Buffer.from(
				await crypto.subtle.digest('SHA-256', file.bytes as Uint8Array<ArrayBuffer>)
			).toString('base64');
			return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
				headers: {
					'content-type': file.type,
					'content-length': String(file.bytes.byteLength),
					'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
					'repr-digest': `sha-256=:${digest}:`,
					'x-content-type-options': 'nosniff',
					'content-security-policy': "default-src 'none'; sandbox",
					'cache-control': 'private, no-store'
				}
			});
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
			422: { description: 'Not allowed now, or a required note is missing.' }
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
					return problem('conflict', 409, {
						detail: 'The dossier changed since the version you sent.',
						changedAt: result.changedAt.toISOString(),
						changedBy: result.changedBy
					});
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
