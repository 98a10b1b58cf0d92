// The OpenAPI 3.1 document of /api/v1, generated from the endpoint table and its zod schemas (the
// same ones that parse the requests), so the document is the contract the server enforces. Named
// schemas (zod `.meta({ id })`) become components; every endpoint lists the problems it can answer.
import { z } from 'zod';
import { endpoints, type Endpoint } from './endpoints';
import { PROBLEM_TYPES, problemTitle, problemTypeUri } from './problem';
import { problemSchema } from './schemas';
import { RATE_LIMIT } from './tokens';

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema; named sub-schemas go to `components` and are referenced from there. */
function convert(
	schema: z.ZodType,
	io: 'input' | 'output',
	components: Record<string, JsonSchema>
): JsonSchema {
	const out = z.toJSONSchema(schema, {
		target: 'draft-2020-12',
		io,
		unrepresentable: 'any',
		cycles: 'ref',
		reused: 'inline'
	}) as JsonSchema;
	const text = JSON.stringify(out).replaceAll('"#/$defs/', '"#/components/schemas/');
	const {
		$schema: _schema,
		$defs,
		id,
		...rest
	} = JSON.parse(text) as JsonSchema & {
		$defs?: Record<string, JsonSchema>;
		id?: string;
	};
	for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= def;
	if (typeof id === 'string') {
		components[id] ??= rest;
		return { $ref: `#/components/schemas/${id}` };
	}
	return rest;
}

function parameters(e: Endpoint, components: Record<string, JsonSchema>) {
	const list: JsonSchema[] = [];
	for (const [where, schema] of [
		['path', e.params],
		['query', e.query],
		['header', e.headers]
	] as const) {
		if (!(schema instanceof z.ZodObject)) continue;
		for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
			const converted = convert(field, 'input', components);
			const { description, ...fieldSchema } = converted;
			list.push({
				name,
				in: where,
				required: where === 'path' || !field.safeParse(undefined).success,
				...(typeof description === 'string' ? { description } : {}),
				schema: fieldSchema
			});
		}
	}
	return list;
}

/** The problems an endpoint can answer besides its own: from the token, scope, rate and input. */
function commonProblems(e: Endpoint): Record<number, string> {
	const problems: Record<number, string> = {
		401: 'No token, or an unknown or revoked one.',
		403: `The token lacks the "${e.scope}" scope.`,
		429: `More than ${RATE_LIMIT} calls in a minute with this token: wait Retry-After seconds.`,
		503: 'The database is briefly unavailable: try again after Retry-After seconds.'
	};
	if (e.query) problems[400] = 'The query has invalid values (see `errors`).';
	if (e.body) {
		problems[400] = 'The body is not valid JSON.';
		problems[415] = 'The body is not sent as application/json.';
		problems[422] = 'The body has invalid values (see `errors`).';
	}
	if (e.headers)
		problems[400] = 'A header is missing or invalid (see `errors`), or the body is not valid JSON.';
	if (e.upload) {
		problems[413] = `The file is larger than ${e.upload.maxBytes / 1024 / 1024} MB.`;
		problems[415] =
			'The body is a form or multipart body, or its Content-Type is not application/octet-stream or an accepted type.';
	}
	return problems;
}

function operation(e: Endpoint, components: Record<string, JsonSchema>) {
	const responses: Record<string, JsonSchema> = {};
	const problemRef = { $ref: '#/components/schemas/Problem' };
	for (const [status, text] of Object.entries(commonProblems(e)))
		responses[status] = {
			description: text,
			content: { 'application/problem+json': { schema: problemRef } }
		};
	for (const [status, spec] of Object.entries(e.responses)) {
		const ok = Number(status) < 300;
		const content = spec.binary
			? {
					'application/octet-stream': {
						schema: { type: 'string', contentMediaType: 'application/octet-stream' }
					}
				}
			: spec.schema
				? { 'application/json': { schema: convert(spec.schema, 'output', components) } }
				: { 'application/problem+json': { schema: problemRef } };
		responses[status] = {
			description: spec.description,
			...(ok || !spec.schema ? { content } : {})
		};
	}
	return {
		operationId: e.id,
		tags: [e.tag],
		summary: e.summary,
		description: `${e.description}\n\nRequires the \`${e.scope}\` scope.`,
		'x-scope': e.scope,
		security: [{ bearerToken: [] }],
		parameters: parameters(e, components),
		...(e.upload
			? {
					requestBody: {
						required: true,
						description: 'The file itself, as the raw body.',
						content: Object.fromEntries(
							['application/octet-stream', ...e.upload.types].map((type) => [
								type,
								{ schema: { type: 'string', contentMediaType: type } }
							])
						)
					}
				}
			: e.body
				? {
						requestBody: {
							required: true,
							content: { 'application/json': { schema: convert(e.body, 'input', components) } }
						}
					}
				: {}),
		responses
	};
}

export function buildOpenApiDocument(origin: string) {
	const components: Record<string, JsonSchema> = {};
	convert(problemSchema, 'output', components);
	const paths: Record<string, Record<string, unknown>> = {};
	for (const e of endpoints) {
		paths[e.path] ??= {};
		paths[e.path]![e.method.toLowerCase()] = operation(e, components);
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Loket API',
			version: '1.0.0',
			summary:
				'Follow and advance dossiers from a municipality’s mid-office and back-office software.',
			description:
				'Dossiers filed at the e-counter, their files and process definitions, for other systems. ' +
				'Ask an admin for a token (Back-office → API tokens) and send it as `Authorization: Bearer <token>`. ' +
				'A token has the `read` scope, or `read` and `write`; it may be limited to some processes, ' +
				`and makes at most ${RATE_LIMIT} calls a minute. Errors are RFC 9457 problem details; ` +
				'changes are also announced by signed webhooks.',
			license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' }
		},
		servers: [{ url: `${origin}/api/v1` }],
		tags: [
			{ name: 'Dossiers', description: 'Requests filed by citizens, and their handling.' },
			{ name: 'Processes', description: 'The processes and their definition versions.' }
		],
		paths,
		components: {
			schemas: components,
			securitySchemes: {
				bearerToken: {
					type: 'http',
					scheme: 'bearer',
					description: 'An API token made by an admin in the back-office.'
				}
			}
		},
		'x-problem-types': PROBLEM_TYPES.map((t) => ({
			type: problemTypeUri(t),
			title: problemTitle(t)
		}))
	};
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
