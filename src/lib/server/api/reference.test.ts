import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { describeReference, richText, typeOf } from './reference';

const doc = buildOpenApiDocument('https://loket.example');
const ref = describeReference(doc);
const operations = ref.tags.flatMap((t) => t.operations);

describe('the API reference page content', () => {
	it('has every operation of the document once, under its tag', () => {
		const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
			Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
		);
		expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(expected.sort());
		expect(ref.tags.map((t) => t.name)).toEqual(['Dossiers', 'Processes']);
		expect(new Set(operations.map((o) => o.anchor)).size).toBe(operations.length);
		expect(ref.baseUrl).toBe('https://loket.example/api/v1');
	});

	it('gives each operation its scope, parameters, body fields and responses', () => {
		const list = operations.find((o) => o.method === 'GET' && o.path === '/dossiers')!;
		expect(list.scope).toBe('read');
		expect(list.parameters.find((p) => p.name === 'after')).toMatchObject({
			location: 'query',
			required: false
		});
		// The scope is shown on its own, not again in the description.
		expect(
			list.description
				.flat()
				.map((r) => r.text)
				.join('')
		).not.toMatch(/Requires the/);
		expect(list.responses.find((r) => r.status === '200')?.schema).toEqual({
			name: 'DossierList',
			anchor: 'schema-DossierList'
		});
		expect(list.responses.find((r) => r.status === '429')?.mediaType).toBe(
			'application/problem+json'
		);

		const transition = operations.find((o) => o.path === '/dossiers/{id}/transitions')!;
		expect(transition.scope).toBe('write');
		expect(transition.parameters).toEqual([
			expect.objectContaining({ name: 'id', location: 'path', required: true })
		]);
		expect(transition.body?.schema).toBe('TransitionRequest');
		expect(transition.body?.fields.filter((f) => f.required).map((f) => f.name)).toEqual([
			'transition',
			'version'
		]);
		expect(transition.curl).toBe(
			[
				'curl -X POST "https://loket.example/api/v1/dossiers/$ID/transitions"',
				'  -H "Authorization: Bearer $LOKET_TOKEN"',
				'  -H "Content-Type: application/json"',
				`  -d '{"transition":"…","version":1}'`
			].join(' \\\n')
		);
	});

	it('writes a download with shell variables for the path and an output file', () => {
		const download = operations.find((o) => o.path.includes('{attachmentId}'))!;
		expect(download.curl).toContain('/dossiers/$ID/attachments/$ATTACHMENT_ID"');
		expect(download.curl).toContain('-o attachment');
	});

	it('lists the named schemas and the problem types that problem details link to', () => {
		expect(ref.schemas.map((s) => s.name)).toEqual(expect.arrayContaining(['Problem', 'Dossier']));
		const problem = ref.schemas.find((s) => s.name === 'Problem')!;
		expect(problem.fields.find((f) => f.name === 'errors')?.type).toBe('array of object');
		expect(ref.problemTypes[0]).toEqual({
			type: '/api/v1/docs#problem-unauthorized',
			anchor: 'problem-unauthorized',
			title: 'A valid API token is required'
		});
		expect(ref.problemTypes.length).toBe(doc['x-problem-types'].length);
	});
});

describe('richText', () => {
	it('splits `code` out of a text, and leaves an unmatched backtick plain', () => {
		expect(richText('pass `next` as `after`.')).toEqual([
			{ code: false, text: 'pass ' },
			{ code: true, text: 'next' },
			{ code: false, text: ' as ' },
			{ code: true, text: 'after' },
			{ code: false, text: '.' }
		]);
		expect(richText('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
		expect(richText('')).toEqual([]);
	});
});

describe('typeOf', () => {
	it('names a schema in one short line', () => {
		expect(typeOf({ type: 'string', format: 'uuid' })).toBe('string (uuid)');
		expect(typeOf({ type: ['string', 'null'] })).toBe('string | null');
		expect(typeOf({ type: 'array', items: { $ref: '#/components/schemas/Dossier' } })).toBe(
			'array of Dossier'
		);
		expect(typeOf({ anyOf: [{ const: 'unassigned' }, { type: 'integer' }] })).toBe(
			'"unassigned" | integer'
		);
		expect(typeOf({ type: 'string', enum: ['true', 'false'] })).toBe('"true" | "false"');
		expect(typeOf(undefined)).toBe('any');
	});
});
