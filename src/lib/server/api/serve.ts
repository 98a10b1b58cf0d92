// How every /api/v1 call is answered, in this order: the token (401), the rate limit (429), the
// scope (403), the path parameters (404), the query (400), the headers it reads (400), the body
// (415 when not JSON, 400 when unreadable, 422 when invalid; an upload: 415 when a form or an
// unaccepted type, 413 when too large), then the endpoint itself. Every call made with a valid token is
// written to the audit trail with the token's name, its status and the dossier it concerned.
// Session cookies count for nothing here: only the bearer token, so no page can make a browser
// call the API on a user's behalf.
import { ZodObject, type z } from 'zod';
import { getDb, type Db } from '../db';
import { getFileStorage } from '../files';
import type { FileStorage } from '../files/storage';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../unavailable';
import { getEndpoint, type Context, type Endpoint, type UploadBody } from './endpoints';
import { problem, type FieldError } from './problem';
import * as tokens from './tokens';

export type ApiEvent = { request: Request; params: Partial<Record<string, string>>; url: URL };
export type ServeDeps = { db?: Db; storage?: FileStorage; now?: Date; rateLimit?: number };

function fieldErrors(error: z.ZodError): FieldError[] {
	return error.issues.map((i) => ({
		name: i.path.map(String).join('.') || '(body)',
		message: i.message
	}));
}

async function readBody(request: Request): Promise<{ ok: true; value: unknown } | Response> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/json')
		return problem('unsupported-media-type', 415, {
			detail: 'Send the body as JSON with Content-Type: application/json.'
		});
	try {
		return { ok: true, value: JSON.parse(await request.text()) };
	} catch {
		return problem('bad-request', 400, { detail: 'The body is not valid JSON.' });
	}
}

/** The file of an upload endpoint, sent as the raw body. */
async function readUpload(
	request: Request,
	upload: NonNullable<Endpoint['upload']>
): Promise<{ ok: true; value: UploadBody } | Response> {
	const type =
		(request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (type !== 'application/octet-stream' && !upload.types.includes(type))
		return problem('unsupported-media-type', 415, {
			detail:
				'Send the file itself as the body, with its media type or application/octet-stream ' +
				'as Content-Type (not a form or multipart body).'
		});
	const tooLarge = () => problem('too-large', 413, { detail: `At most ${upload.maxBytes} bytes.` });
	if (Number(request.headers.get('content-length') ?? 0) > upload.maxBytes) return tooLarge();
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.byteLength > upload.maxBytes) return tooLarge();
	return { ok: true, value: { bytes, type } };
}

/** The headers an endpoint reads, by the names of its schema. */
function pickHeaders(schema: z.ZodType, request: Request): Record<string, string> {
	const names = schema instanceof ZodObject ? Object.keys(schema.shape as object) : [];
	const picked: Record<string, string> = {};
	for (const name of names) {
		const value = request.headers.get(name);
		if (value !== null) picked[name] = value;
	}
	return picked;
}

async function answer(
	endpoint: Endpoint,
	event: ApiEvent,
	ctx: Omit<Context<unknown, unknown, unknown>, 'params' | 'query' | 'body' | 'headers'>
): Promise<Response> {
	if (!ctx.client.scopes.includes(endpoint.scope))
		return problem('forbidden', 403, {
			detail: `This token lacks the "${endpoint.scope}" scope.`
		});
	const params = endpoint.params ? endpoint.params.safeParse(event.params) : undefined;
	if (params && !params.success) return problem('not-found', 404, { detail: 'No such resource.' });
	const query = endpoint.query
		? endpoint.query.safeParse(Object.fromEntries(event.url.searchParams))
		: undefined;
	if (query && !query.success)
		return problem('bad-request', 400, {
			detail: 'The query has invalid values.',
			errors: fieldErrors(query.error)
		});
	const headers = endpoint.headers
		? endpoint.headers.safeParse(pickHeaders(endpoint.headers, event.request))
		: undefined;
	if (headers && !headers.success)
		return problem('bad-request', 400, {
			detail: 'A header is missing or has an invalid value.',
			errors: fieldErrors(headers.error)
		});
	let body: unknown;
	if (endpoint.upload) {
		const read = await readUpload(event.request, endpoint.upload);
		if (read instanceof Response) return read;
		body = read.value;
	} else if (endpoint.body) {
		const read = await readBody(event.request);
		if (read instanceof Response) return read;
		const parsed = endpoint.body.safeParse(read.value);
		if (!parsed.success)
			return problem('invalid', 422, {
				detail: 'The body has invalid values.',
				errors: fieldErrors(parsed.error)
			});
		body = parsed.data;
	}
	// The same object: the handler records the dossier on it for the audit trail.
	return endpoint.handle(
		Object.assign(ctx, { params: params?.data, query: query?.data, body, headers: headers?.data })
	);
}

/** Answers one call of the endpoint with this id (see endpoints.ts). */
export async function serve(id: string, event: ApiEvent, deps: ServeDeps = {}): Promise<Response> {
	const endpoint = getEndpoint(id);
	const db = deps.db ?? getDb();
	const now = deps.now ?? new Date();
	try {
		const client = await tokens.authenticate(event.request.headers.get('authorization'), db, now);
		if (!client)
			return problem('unauthorized', 401, {
				detail: 'Send a valid, unrevoked token as Authorization: Bearer <token>.'
			});
		const rate = await tokens.checkRate(client, db, now, deps.rateLimit);
		const ctx: Omit<Context<unknown, unknown, unknown>, 'params' | 'query' | 'body' | 'headers'> = {
			client,
			db,
			storage: deps.storage ?? getFileStorage()
		};
		let response: Response;
		try {
			response = rate.allowed
				? await answer(endpoint, event, ctx)
				: problem('rate-limited', 429, {
						detail: `At most ${deps.rateLimit ?? tokens.RATE_LIMIT} calls a minute per token.`,
						headers: { 'retry-after': String(rate.retryAfterSeconds) }
					});
		} catch (e) {
			if (isDatabaseUnavailable(e)) throw e;
			const errorId = crypto.randomUUID().slice(0, 8);
			console.error(`[${errorId}] API ${event.request.method} ${event.url.pathname}:`, e);
			response = problem('server-error', 500, { detail: `Error id ${errorId}.` });
		}
		await tokens.recordCall(
			client,
			{
				method: event.request.method,
				path: (event.url.pathname + event.url.search).slice(0, 500),
				status: response.status,
				dossierId: ctx.dossier?.id ?? null
			},
			db,
			now
		);
		return response;
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		return problem('unavailable', 503, {
			headers: { 'retry-after': String(RETRY_AFTER_SECONDS) }
		});
	}
}
