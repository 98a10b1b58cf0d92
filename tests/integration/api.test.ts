// The mid-office API on a real database, through the same `serve` the routes call: every endpoint
// with no token, a revoked one, a read-only one, a read-write one limited to another process and a
// read-write one; status codes, bodies (parsed with the schemas the OpenAPI document is made of),
// the version check of transitions and assignments, filing with an idempotency key, adding a
// document, the incremental sync (also with changes committed out of order, on PostgreSQL), the
// rate limit and the audit trail.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { answerOptions } from '$lib/i18n/answers';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import { endpoints } from '$lib/server/api/endpoints';
import { buildOpenApiDocument } from '$lib/server/api/openapi';
import * as schemas from '$lib/server/api/schemas';
import { serve } from '$lib/server/api/serve';
import * as tokens from '$lib/server/api/tokens';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Dossier } from '$lib/server/db/schema';
import * as handling from '$lib/server/dossiers/handling';
import * as documentRepo from '$lib/server/documents/repository';
import * as dossierRepo from '$lib/server/dossiers/repository';
import { LocalFileStorage } from '$lib/server/files/storage';
import { pdfBytes, pngOf, polyglots } from '$lib/server/files/test-files';
import * as webhooks from '$lib/server/webhooks/service';
import * as processes from '$lib/server/processes/service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-api-')));
const PASSWORD = 'een lange zin als wachtwoord';

const state = (
	id: string,
	kind: 'open' | 'waiting' | 'final',
	clock: 'run' | 'pause' | 'stop'
) => ({
	id,
	label: { nl: `Intern: ${id}` },
	citizenText: { nl: `Uitleg bij ${id}` },
	kind,
	clock,
	vlaamseCode: 'InVerwerking' as const
});

const workflow = {
	initial: 'ingediend',
	states: [
		state('ingediend', 'open', 'run'),
		state('behandeling', 'open', 'run'),
		state('goedgekeurd', 'final', 'stop')
	],
	transitions: [
		{
			id: 'behandelen',
			from: ['ingediend'],
			to: 'behandeling',
			label: { nl: 'In behandeling nemen' },
			roles: ['staff']
		},
		{
			id: 'goedkeuren',
			from: ['behandeling'],
			to: 'goedgekeurd',
			label: { nl: 'Goedkeuren' },
			roles: ['staff'],
			requiresNote: true,
			notifyCitizen: true
		}
	]
};
const definitionOf = (id: string) =>
	processDefinition.parse({
		...testDefinition,
		id,
		title: { nl: `Proces ${id}`, en: `Process ${id}` },
		handlingTime: { days: 30, unit: 'calendar', legal: true },
		workflow
	});

type Call = {
	method?: 'GET' | 'POST';
	token?: string | null;
	body?: unknown;
	contentType?: string;
	headers?: Record<string, string>;
	rateLimit?: number;
};

/** A valid filing of the test definition (first page, event page), as JSON. */
const inSevenWeeks = new Date(Date.now() + 49 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const filing = (extra: Record<string, unknown> = {}) => ({
	process: 'volg',
	answers: {
		naam: 'Jan Peeters',
		rrn: '85.07.30-033.28',
		eigendom: 'eigen',
		adres: { street: 'Kerkstraat', number: '1', postcode: '9000', municipality: 'Gent' },
		email: 'jan@example.be',
		datum: inSevenWeeks,
		bezoekers: 1250,
		...extra
	}
});

describe(`the /api/v1 endpoints on ${backend}`, () => {
	let t: TestDatabase;
	let admin: SessionUser;
	let staff: SessionUser;
	const tok = { read: '', write: '', other: '', revoked: '' };
	let a: Dossier;
	let b: Dossier;
	let attachmentId = '';
	let documentId = '';
	let counter = 0;
	const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

	/** Finds the endpoint of the path as the router would, and answers the call with it. */
	async function call(path: string, c: Call = {}): Promise<Response> {
		const method = c.method ?? 'GET';
		const url = new URL(`http://loket.test/api/v1${path}`);
		for (const e of endpoints) {
			if (e.method !== method) continue;
			const names: string[] = [];
			const pattern = e.path.replace(/\{(\w+)\}/g, (_, n: string) => {
				names.push(n);
				return '([^/]+)';
			});
			const match = new RegExp(`^${pattern}$`).exec(url.pathname.slice('/api/v1'.length));
			if (!match) continue;
			const params = Object.fromEntries(
				names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])
			);
			const headers: Record<string, string> = { ...c.headers };
			if (c.token !== null) headers.authorization = `Bearer ${c.token ?? tok.write}`;
			if (c.body !== undefined && !(c.body instanceof FormData))
				headers['content-type'] = c.contentType ?? 'application/json';
			const request = new Request(url, {
				method,
				headers,
				body:
					c.body === undefined
						? undefined
						: typeof c.body === 'string' || c.body instanceof FormData
							? c.body
							: c.body instanceof Uint8Array
								? (c.body as Uint8Array<ArrayBuffer>)
								: JSON.stringify(c.body)
			});
			return serve(e.id, { request, params, url }, { db: t.db, storage, rateLimit: c.rateLimit });
		}
		throw new Error(`No endpoint for ${method} ${path}`);
	}

	async function problemOf(response: Response, status: number) {
		expect(response.status).toBe(status);
		expect(response.headers.get('content-type')).toBe('application/problem+json');
		return schemas.problemSchema.parse(await response.json());
	}

	async function bodyOf<S extends z.ZodType>(response: Response, status: number, schema: S) {
		expect(response.status, await response.clone().text()).toBe(status);
		expect(response.headers.get('content-type')).toBe('application/json');
		return schema.parse(await response.json()) as z.output<S>;
	}

	async function fileDossier(processId: string) {
		counter++;
		const dossier = await dossierRepo.insertDossier(t.db, {
			reference: `2026-${String(800000 + counter)}`,
			processId,
			processVersion: 1,
			status: 'ingediend',
			answers: JSON.stringify({ naam: `Aanvrager ${counter}` }),
			ownerId: null,
			guestTokenHash: randomUUID(),
			applicantName: `Aanvrager ${counter}`,
			applicantEmail: `a${counter}@example.be`,
			submissionId: randomUUID(),
			dueDate: '2026-12-31'
		});
		if (!dossier) throw new Error('not inserted');
		await dossierRepo.insertEvent(t.db, {
			dossierId: dossier.id,
			type: 'submitted',
			toStatus: 'ingediend',
			actorId: null,
			visibility: 'public'
		});
		return dossier;
	}

	async function makeToken(name: string, access: 'read' | 'write', processIds: string[] = []) {
		const made = await tokens.createToken(admin.id, { name, access, processIds }, t.db);
		if (!made.ok) throw new Error(JSON.stringify(made.issues));
		return made;
	}

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(
			[
				{ file: 'volg.json', definition: definitionOf('volg') },
				{ file: 'ander.json', definition: definitionOf('ander') }
			],
			t.db
		);
		const add = async (email: string, roles: string[], name: string) => {
			const r = await users.addUser({ email, password: PASSWORD, roles, name }, t.db);
			if (!r.ok) throw new Error(r.reason);
			return r.user;
		};
		admin = await add('admin@gemeente.be', ['admin'], 'Ann Admin');
		staff = await add('stijn@gemeente.be', ['staff'], 'Stijn Balie');
		tok.read = (await makeToken('Archief (lezen)', 'read')).token;
		tok.write = (await makeToken('Zaaksysteem', 'write')).token;
		tok.other = (await makeToken('Alleen ander proces', 'write', ['ander'])).token;
		const revoked = await makeToken('Ingetrokken', 'write');
		tok.revoked = revoked.token;
		expect(await tokens.revokeToken(admin.id, revoked.id, t.db)).toBe(true);
		a = await fileDossier('volg');
		b = await fileDossier('ander');
		const stored = await storage.put(photo);
		const attachment = await dossierRepo.insertAttachment(t.db, {
			dossierId: a.id,
			messageId: null,
			documentRequestId: null,
			fileName: 'put in de straat.png',
			mediaType: 'image/png',
			sizeBytes: stored.size,
			sha256: stored.sha256,
			uploadedBy: null
		});
		attachmentId = attachment.id;
		// A decision the municipality issued for A (as the documents service stores one).
		const issued = await storage.put(pdfBytes);
		const filedEvent = await t.db
			.selectFrom('dossierEvent')
			.select('id')
			.where('dossierId', '=', a.id)
			.executeTakeFirstOrThrow();
		documentId = (
			await documentRepo.insertDocument(t.db, {
				id: randomUUID(),
				createdAt: new Date(),
				dossierId: a.id,
				templateId: 'besluit',
				kind: 'decision',
				title: 'Besluit',
				fileName: 'besluit.pdf',
				language: 'nl',
				sha256: issued.sha256,
				sizeBytes: issued.size,
				storageKey: issued.sha256,
				sealed: false,
				createdByEventId: Number(filedEvent.id)
			})
		).id;
		await webhooks.create(
			null,
			{ name: 'Zaaksysteem', url: 'https://zaak.example/hook', events: ['dossier.created'] },
			t.db
		);
	});
	afterAll(async () => {
		await t.drop();
	});

	// One valid call per endpoint; writes get a fresh dossier so they can succeed each time.
	const examples: Record<string, () => Promise<[string, Call]>> = {
		listDossiers: async () => ['/dossiers', {}],
		getDossier: async () => [`/dossiers/${a.id}`, {}],
		getAttachment: async () => [`/dossiers/${a.id}/attachments/${attachmentId}`, {}],
		getDocument: async () => [`/dossiers/${a.id}/documents/${documentId}`, {}],
		transitionDossier: async () => {
			const d = await fileDossier('volg');
			return [
				`/dossiers/${d.id}/transitions`,
				{ method: 'POST', body: { transition: 'behandelen', version: d.version } }
			];
		},
		postMessage: async () => [
			`/dossiers/${a.id}/messages`,
			{ method: 'POST', body: { body: 'Wij bekijken uw melding.' } }
		],
		createDossier: async () => [
			'/dossiers',
			{ method: 'POST', body: filing(), headers: { 'idempotency-key': randomUUID() } }
		],
		addAttachment: async () => [
			`/dossiers/${a.id}/attachments`,
			{
				method: 'POST',
				body: pdfBytes,
				contentType: 'application/pdf',
				headers: { 'content-disposition': 'attachment; filename="besluit.pdf"' }
			}
		],
		assignDossier: async () => {
			const d = await fileDossier('volg');
			return [
				`/dossiers/${d.id}/assignment`,
				{ method: 'POST', body: { assignee: staff.email, version: d.version } }
			];
		},
		listProcesses: async () => ['/processes', {}],
		getDefinition: async () => ['/processes/volg/versions/1', {}]
	};

	it('has an example call for every endpoint of the table', () => {
		expect(Object.keys(examples).sort()).toEqual(endpoints.map((e) => e.id).sort());
	});

	for (const e of endpoints) {
		describe(`${e.method} ${e.path}`, () => {
			it('without a token, or with a revoked one: 401 with a problem', async () => {
				const [path, c] = await examples[e.id]!();
				const none = await call(path, { ...c, token: null });
				expect((await problemOf(none, 401)).type).toBe('/api/v1/docs#problem-unauthorized');
				expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
				await problemOf(await call(path, { ...c, token: tok.revoked }), 401);
				await problemOf(await call(path, { ...c, token: 'loket_' + 'x'.repeat(43) }), 401);
			});

			it(`with a read-only token: ${e.scope === 'read' ? '2xx' : '403'}`, async () => {
				const [path, c] = await examples[e.id]!();
				const response = await call(path, { ...c, token: tok.read });
				if (e.scope === 'read') expect(response.status).toBeLessThan(300);
				else expect((await problemOf(response, 403)).detail).toContain('write');
			});

			it('with a token limited to another process: none of this process is found', async () => {
				const [path, c] = await examples[e.id]!();
				const response = await call(path, { ...c, token: tok.other });
				if (e.id === 'listDossiers') {
					const list = await bodyOf(response, 200, schemas.dossierList);
					expect(list.items.length).toBeGreaterThan(0);
					expect(list.items.every((d) => d.processId === 'ander')).toBe(true);
				} else if (e.id === 'listProcesses') {
					const list = await bodyOf(response, 200, schemas.processList);
					expect(list.items.map((p) => p.id)).toEqual(['ander']);
				} else if (e.id === 'createDossier') {
					// The process is named in the body: to this token it does not exist.
					const p = await problemOf(response, 422);
					expect(p.errors?.map((x) => x.name)).toEqual(['process']);
				} else expect((await problemOf(response, 404)).status).toBe(404);
			});

			it('with a read-write token: the documented success', async () => {
				const [path, c] = await examples[e.id]!();
				const response = await call(path, c);
				// The first success listed, except that filing answers 201 (200 is for a retry).
				const [status, spec] = Object.entries(e.responses).find(
					([st]) => e.id !== 'createDossier' || st === '201'
				)!;
				expect(response.status, await response.clone().text()).toBe(Number(status));
				if (spec.schema) spec.schema.parse(await response.json());
				// The binary ones: the attachment is A's photo, the document A's decision.
				else
					expect(response.headers.get('content-type')).toBe(
						e.id === 'getDocument' ? 'application/pdf' : 'image/png'
					);
			});
		});
	}

	it('lists dossiers in keyset pages that neither skip nor repeat, with filters', async () => {
		for (let i = 0; i < 4; i++) await fileDossier(i % 2 ? 'volg' : 'ander');
		const all = await bodyOf(await call('/dossiers?limit=100'), 200, schemas.dossierList);
		expect(all.next).toBeNull();
		const seen: string[] = [];
		let after = '';
		for (let page = 0; page < 50; page++) {
			const list = await bodyOf(
				await call(`/dossiers?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`),
				200,
				schemas.dossierList
			);
			seen.push(...list.items.map((d) => d.id));
			if (!list.next) break;
			after = list.next;
		}
		expect(seen).toEqual(all.items.map((d) => d.id));
		expect(new Set(seen).size).toBe(seen.length);

		const volg = await bodyOf(
			await call('/dossiers?process=volg&limit=100'),
			200,
			schemas.dossierList
		);
		expect(volg.items.length).toBeGreaterThan(0);
		expect(volg.items.every((d) => d.processId === 'volg')).toBe(true);
		const hidden = await call('/dossiers?process=volg', { token: tok.other });
		expect((await bodyOf(hidden, 200, schemas.dossierList)).items).toEqual([]);
		const found = await bodyOf(await call(`/dossiers?q=${a.reference}`), 200, schemas.dossierList);
		expect(found.items.map((d) => d.reference)).toEqual([a.reference]);
	});

	it('refuses a bad query with the field named', async () => {
		const p = await problemOf(await call('/dossiers?limit=1000&sort=sideways'), 400);
		expect(p.errors?.map((x) => x.name).sort()).toEqual(['limit', 'sort']);
		await problemOf(await call('/dossiers?after=2026-01-01_nonsense'), 400);
	});

	it('gets a dossier by id or reference, with its attachment to download', async () => {
		const byRef = await bodyOf(await call(`/dossiers/${a.reference}`), 200, schemas.dossierDetail);
		expect(byRef.id).toBe(a.id);
		expect(byRef.process).toMatchObject({ id: 'volg', version: 1 });
		expect(byRef.answers).toEqual({ naam: a.applicantName });
		expect(byRef.transitions.map((x) => x.id)).toEqual(['behandelen']);
		const [file] = byRef.attachments;
		expect(file).toMatchObject({ fileName: 'put in de straat.png', mediaType: 'image/png' });
		const download = await call(file!.href.slice('/api/v1'.length));
		expect(download.status).toBe(200);
		expect(new Uint8Array(await download.arrayBuffer())).toEqual(photo);
		expect(download.headers.get('content-disposition')).toContain('attachment');
		expect(download.headers.get('repr-digest')).toBe(
			`sha-256=:${Buffer.from(file!.sha256, 'hex').toString('base64')}:`
		);
		await problemOf(await call(`/dossiers/${a.id}/attachments/${randomUUID()}`), 404);
		await problemOf(await call(`/dossiers/${b.id}/attachments/${attachmentId}`), 404);
		// The decision the municipality issued: listed, and downloaded as issued.
		expect(byRef.documents).toEqual([
			expect.objectContaining({ id: documentId, kind: 'decision', title: 'Besluit', sealed: false })
		]);
		const decision = await call(byRef.documents[0]!.href.slice('/api/v1'.length));
		expect(decision.status).toBe(200);
		expect(decision.headers.get('content-type')).toBe('application/pdf');
		expect(new Uint8Array(await decision.arrayBuffer())).toEqual(pdfBytes);
		await problemOf(await call(`/dossiers/${a.id}/documents/${randomUUID()}`), 404);
		await problemOf(await call(`/dossiers/${b.id}/documents/${documentId}`), 404);
		await problemOf(await call('/dossiers/2026-999999'), 404);
		await problemOf(await call('/dossiers/not-an-id'), 404);
	});

	it('takes a transition, and refuses a stale version exactly as the back-office does', async () => {
		const d = await fileDossier('volg');
		const taken = await bodyOf(
			await call(`/dossiers/${d.id}/transitions`, {
				method: 'POST',
				body: { transition: 'behandelen', version: d.version }
			}),
			200,
			schemas.dossierDetail
		);
		expect(taken).toMatchObject({ status: 'behandeling', version: d.version + 1 });
		expect(taken.events.at(-1)).toMatchObject({
			type: 'transition',
			toStatus: 'behandeling',
			actor: 'API: Zaaksysteem'
		});

		// A colleague approves in the back-office; the API still holds the older version.
		const approved = await handling.transition(
			d.id,
			{ kind: 'staff', user: staff },
			{ transitionId: 'goedkeuren', expectedVersion: taken.version, note: 'In orde' },
			t.db
		);
		expect(approved.ok).toBe(true);
		const stale = await call(`/dossiers/${d.id}/transitions`, {
			method: 'POST',
			body: { transition: 'goedkeuren', version: taken.version, note: 'Ook in orde' }
		});
		const p = await problemOf(stale, 409);
		expect(p.changedBy).toBe('Stijn Balie');
		// The back-office refuses the same stale version with the same reason.
		const backOffice = await handling.transition(
			d.id,
			{ kind: 'staff', user: staff },
			{ transitionId: 'goedkeuren', expectedVersion: taken.version, note: 'x' },
			t.db
		);
		expect(backOffice).toMatchObject({ ok: false, reason: 'conflict' });
		const now = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(now).toMatchObject({ status: 'goedgekeurd', version: taken.version + 1 });
	});

	it('refuses transitions that are not allowed, a missing note and bad bodies', async () => {
		const d = await fileDossier('volg');
		const path = `/dossiers/${d.id}/transitions`;
		const notNow = await call(path, {
			method: 'POST',
			body: { transition: 'goedkeuren', version: d.version, note: 'x' }
		});
		expect((await problemOf(notNow, 422)).type).toBe('/api/v1/docs#problem-not-allowed');
		await call(path, { method: 'POST', body: { transition: 'behandelen', version: d.version } });
		const noNote = await call(path, {
			method: 'POST',
			body: { transition: 'goedkeuren', version: d.version + 1 }
		});
		expect((await problemOf(noNote, 422)).errors).toEqual([
			{ name: 'note', message: 'Required for this transition.' }
		]);
		const missing = await problemOf(
			await call(path, { method: 'POST', body: { transition: 'goedkeuren' } }),
			422
		);
		expect(missing.errors?.map((x) => x.name)).toEqual(['version']);
		await problemOf(
			await call(path, {
				method: 'POST',
				body: '{"transition": ',
				contentType: 'application/json'
			}),
			400
		);
		await problemOf(
			await call(path, {
				method: 'POST',
				body: 'transition=behandelen',
				contentType: 'application/x-www-form-urlencoded'
			}),
			415
		);
		const unchanged = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(unchanged).toMatchObject({ status: 'behandeling', version: d.version + 1 });
	});

	it('posts a message to the citizen (mailed) and an internal note (not mailed)', async () => {
		const d = await fileDossier('volg');
		const sent = await bodyOf(
			await call(`/dossiers/${d.id}/messages`, {
				method: 'POST',
				body: { body: '  Wij komen kijken.  ' }
			}),
			201,
			schemas.messageCreated
		);
		const note = await bodyOf(
			await call(`/dossiers/${d.id}/messages`, {
				method: 'POST',
				body: { body: 'Ploeg 3 gaat.', internal: true }
			}),
			201,
			schemas.messageCreated
		);
		const detail = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(detail.messages.map((msg) => [msg.id, msg.body, msg.internal])).toEqual([
			[sent.id, 'Wij komen kijken.', false],
			[note.id, 'Ploeg 3 gaat.', true]
		]);
		expect(detail.events.filter((x) => x.actor === 'API: Zaaksysteem').map((x) => x.type)).toEqual([
			'message',
			'note'
		]);
		const mails = (await t.db.selectFrom('outbox').select(['kind', 'payload']).execute()).filter(
			(r) =>
				r.kind === 'dossier-message' && (r.payload as { dossierId?: string }).dossierId === d.id
		);
		expect(mails.map((r) => (r.payload as { messageId: string }).messageId)).toEqual([sent.id]);
		const empty = await problemOf(
			await call(`/dossiers/${d.id}/messages`, { method: 'POST', body: { body: '   ' } }),
			422
		);
		expect(empty.errors?.map((x) => x.name)).toEqual(['body']);
	});

	it('gives a process definition version, never a draft', async () => {
		const found = await bodyOf(
			await call('/processes/volg/versions/1'),
			200,
			schemas.definitionResponse
		);
		expect(found).toMatchObject({ processId: 'volg', version: 1, status: 'published' });
		expect((found.definition as { id: string }).id).toBe('volg');
		await problemOf(await call('/processes/volg/versions/2'), 404);
		await problemOf(await call('/processes/volg/versions/abc'), 404);
		const list = await bodyOf(await call('/processes'), 200, schemas.processList);
		expect(list.items.find((p) => p.id === 'volg')).toMatchObject({
			currentVersion: 1,
			versions: [{ version: 1, status: 'published' }]
		});
	});

	it('names the token in a 409 when the change that made the version stale was its own', async () => {
		const d = await fileDossier('volg');
		const taken = await call(`/dossiers/${d.id}/transitions`, {
			method: 'POST',
			body: { transition: 'behandelen', version: d.version }
		});
		expect(taken.status).toBe(200);
		// Another system still holds the first version, and tries to assign and to move it.
		const stale = await call(`/dossiers/${d.id}/assignment`, {
			method: 'POST',
			body: { assignee: staff.id, version: d.version }
		});
		const p = await problemOf(stale, 409);
		expect(p.changedBy).toBe('API: Zaaksysteem');
		expect(p.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		const again = await problemOf(
			await call(`/dossiers/${d.id}/transitions`, {
				method: 'POST',
				body: { transition: 'behandelen', version: d.version }
			}),
			409
		);
		expect(again.changedBy).toBe('API: Zaaksysteem');
	});

	it('answers a form, multipart or text body with 415 problem+json, not a cross-site 403', async () => {
		const d = await fileDossier('volg');
		const form = new FormData();
		form.set('body', 'vervalst');
		const bodies: Call[] = [
			{ body: 'body=vervalst', contentType: 'application/x-www-form-urlencoded' },
			{ body: 'body=vervalst', contentType: 'text/plain' },
			{ body: form }
		];
		for (const path of [
			'/dossiers',
			`/dossiers/${d.id}/messages`,
			`/dossiers/${d.id}/transitions`,
			`/dossiers/${d.id}/assignment`,
			`/dossiers/${d.id}/attachments`
		])
			for (const b of bodies) {
				const response = await call(path, {
					method: 'POST',
					headers: {
						origin: 'https://elders.example',
						'idempotency-key': randomUUID(),
						'content-disposition': 'attachment; filename="x.pdf"'
					},
					...b
				});
				const p = await problemOf(response, 415);
				expect(p.type, path).toBe('/api/v1/docs#problem-unsupported-media-type');
			}
		const detail = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(detail.messages).toEqual([]);
	});

	it('files a dossier with the form’s rules, once per Idempotency-Key', async () => {
		const key = randomUUID();
		const body = filing({
			eigendom: 'lease',
			contract: [{ fileName: 'lease.pdf', content: Buffer.from(pdfBytes).toString('base64') }],
			materiaal: ['tafels'],
			tafels: 4
		});
		const made = await call('/dossiers', {
			method: 'POST',
			body,
			headers: { 'idempotency-key': key }
		});
		const created = await bodyOf(made, 201, schemas.dossierDetail);
		expect(made.headers.get('location')).toBe(`/api/v1/dossiers/${created.id}`);
		expect(created).toMatchObject({
			process: { id: 'volg', version: 1 },
			status: 'ingediend',
			channel: 'api',
			applicant: { name: 'Jan Peeters', email: 'jan@example.be' },
			version: 1
		});
		// Normalised exactly as the form stores them.
		expect(created.answers).toMatchObject({
			rrn: '85073003328',
			bezoekers: 1250,
			materiaal: ['tafels'],
			tafels: 4,
			adres: { street: 'Kerkstraat', number: '1', box: '', postcode: '9000', municipality: 'Gent' }
		});
		const contract = created.answers.contract as { id: string; name: string }[];
		expect(contract.map((f) => f.name)).toEqual(['lease.pdf']);
		expect(created.attachments).toEqual([
			expect.objectContaining({
				id: contract[0]!.id,
				fieldKey: 'contract',
				mediaType: 'application/pdf'
			})
		]);
		const download = await call(created.attachments[0]!.href.slice('/api/v1'.length));
		expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdfBytes);
		expect(created.events).toEqual([
			expect.objectContaining({ type: 'submitted', actor: 'API: Zaaksysteem' })
		]);
		// The receipt with the tracking link, and the webhook.
		const outbox = await t.db.selectFrom('outbox').select(['kind', 'payload']).execute();
		const receipt = outbox.find(
			(r) =>
				r.kind === 'receipt-email' && (r.payload as { dossierId?: string }).dossierId === created.id
		);
		expect(receipt?.payload).toMatchObject({ to: 'jan@example.be' });
		expect((receipt?.payload as { trackingToken?: string }).trackingToken).toMatch(/^[\w-]{20,}$/);
		const deliveries = await t.db
			.selectFrom('webhookDelivery')
			.select(['eventType', 'payload'])
			.execute();
		expect(
			deliveries.filter(
				(x) =>
					x.eventType === 'dossier.created' &&
					(x.payload as { data: { dossierId: string } }).data.dossierId === created.id
			)
		).toHaveLength(1);

		// A retry: the same dossier, 200, nothing new.
		const retry = await bodyOf(
			await call('/dossiers', { method: 'POST', body, headers: { 'idempotency-key': key } }),
			200,
			schemas.dossierDetail
		);
		expect(retry.id).toBe(created.id);
		// The same key with another body.
		const reused = await problemOf(
			await call('/dossiers', {
				method: 'POST',
				body: { ...body, language: 'en' },
				headers: { 'idempotency-key': key }
			}),
			422
		);
		expect(reused.type).toBe('/api/v1/docs#problem-idempotency-key-reused');
		// The key is per token: another token's key does not collide.
		const made2 = await call('/dossiers', {
			method: 'POST',
			token: (await makeToken('Tweede systeem', 'write')).token,
			body,
			headers: { 'idempotency-key': key }
		});
		expect((await bodyOf(made2, 201, schemas.dossierDetail)).id).not.toBe(created.id);
		const count = await t.db
			.selectFrom('dossier')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('channel', '=', 'api')
			.where('applicantName', '=', 'Jan Peeters')
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBeGreaterThanOrEqual(2);

		// Without a key: refused before anything is checked.
		const noKey = await problemOf(await call('/dossiers', { method: 'POST', body }), 400);
		expect(noKey.errors?.map((x) => x.name)).toEqual(['Idempotency-Key']);
	});

	it('refuses invalid answers with an error per field, in the form’s words', async () => {
		const post = (body: unknown) =>
			call('/dossiers', { method: 'POST', body, headers: { 'idempotency-key': randomUUID() } });
		const before = await t.db
			.selectFrom('dossier')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		const bad = await problemOf(
			await post(
				filing({
					naam: '',
					rrn: '85.07.30-033.29',
					email: 'geen-adres',
					adres: { street: 'Kerkstraat', number: '', postcode: '9000', municipality: 'Gent' },
					bezoekers: 'veel',
					kleur: 'blauw'
				})
			),
			422
		);
		expect(bad.errors?.map((x) => x.name).sort()).toEqual(['kleur']);
		const invalid = await problemOf(
			await post(
				filing({
					naam: '',
					rrn: '85.07.30-033.29',
					email: 'geen-adres',
					adres: { street: 'Kerkstraat', number: '', postcode: '9000', municipality: 'Gent' },
					bezoekers: 'veel'
				})
			),
			422
		);
		expect(invalid.errors?.map((x) => x.name).sort()).toEqual([
			'adres.number',
			'bezoekers',
			'email',
			'naam',
			'rrn'
		]);
		expect(invalid.errors?.find((x) => x.name === 'naam')?.message).toBe(
			answerOptions('nl').messages.required({ label: 'Naam' })
		);
		// A required file that applies, a field that does not apply, a wrong type, a false file.
		const lease = await problemOf(await post(filing({ eigendom: 'lease' })), 422);
		expect(lease.errors?.map((x) => x.name)).toEqual(['contract']);
		const hidden = await problemOf(await post(filing({ tafels: 3 })), 422);
		expect(hidden.errors?.map((x) => x.name)).toEqual(['tafels']);
		const typed = await problemOf(await post(filing({ materiaal: 'tafels', naam: 3 })), 422);
		expect(typed.errors?.map((x) => x.name)).toEqual(['materiaal']);
		const fake = await problemOf(
			await post(
				filing({
					eigendom: 'lease',
					contract: [
						{
							fileName: 'lease.pdf',
							content: Buffer.from(polyglots.pdfWithHtmlTail).toString('base64')
						}
					]
				})
			),
			422
		);
		expect(fake.errors?.map((x) => x.name)).toEqual(['contract.0']);
		const unknown = await problemOf(await post({ ...filing(), process: 'bestaat-niet' }), 422);
		expect(unknown.errors?.map((x) => x.name)).toEqual(['process']);
		const after = await t.db
			.selectFrom('dossier')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(after.n)).toBe(Number(before.n));
	});

	it('adds a document through the upload gate, and names the token in the audit trail', async () => {
		const d = await fileDossier('volg');
		const path = `/dossiers/${d.id}/attachments`;
		const added = await call(path, {
			method: 'POST',
			body: pdfBytes,
			contentType: 'application/octet-stream',
			headers: { 'content-disposition': "attachment; filename*=UTF-8''Besluit%20%C3%A9%C3%A9n.pdf" }
		});
		const file = await bodyOf(added, 201, schemas.attachmentSchema);
		expect(file).toMatchObject({
			fileName: 'Besluit één.pdf',
			mediaType: 'application/pdf',
			size: pdfBytes.byteLength,
			fieldKey: null,
			messageId: null
		});
		const detail = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(detail.attachments.map((x) => x.id)).toEqual([file.id]);
		expect(detail.events.at(-1)).toMatchObject({
			type: 'document-added',
			actor: 'API: Zaaksysteem',
			visibility: 'internal'
		});
		const refused = async (body: Uint8Array, type: string, name: string) =>
			problemOf(
				await call(path, {
					method: 'POST',
					body,
					contentType: type,
					headers: { 'content-disposition': `attachment; filename="${name}"` }
				}),
				422
			);
		// A web page inside a PDF, a PNG that claims to be a PDF, a file named as another type.
		expect((await refused(polyglots.pdfWithHtmlTail, 'application/pdf', 'a.pdf')).errors).toEqual([
			{ name: 'file', message: expect.stringContaining('active content') }
		]);
		await refused(pngOf(2, 2), 'application/pdf', 'b.pdf');
		await refused(pdfBytes, 'application/octet-stream', 'c.html');
		const noName = await problemOf(
			await call(path, { method: 'POST', body: pdfBytes, contentType: 'application/pdf' }),
			400
		);
		expect(noName.errors?.map((x) => x.name)).toEqual(['Content-Disposition']);
		await problemOf(
			await call(path, {
				method: 'POST',
				body: pdfBytes,
				contentType: 'text/html',
				headers: { 'content-disposition': 'attachment; filename="x.pdf"' }
			}),
			415
		);
		const after = await bodyOf(await call(`/dossiers/${d.id}`), 200, schemas.dossierDetail);
		expect(after.attachments).toHaveLength(1);
	});

	it('assigns by e-mail or id and unassigns, with the version check', async () => {
		const d = await fileDossier('volg');
		const path = `/dossiers/${d.id}/assignment`;
		const byMail = await bodyOf(
			await call(path, {
				method: 'POST',
				body: { assignee: 'STIJN@gemeente.be', version: d.version }
			}),
			200,
			schemas.dossierDetail
		);
		expect(byMail).toMatchObject({ assigneeId: staff.id, version: d.version + 1 });
		expect(byMail.events.at(-1)).toMatchObject({ type: 'assigned', actor: 'API: Zaaksysteem' });
		const none = await bodyOf(
			await call(path, { method: 'POST', body: { assignee: null, version: byMail.version } }),
			200,
			schemas.dossierDetail
		);
		expect(none.assigneeId).toBeNull();
		const byId = await bodyOf(
			await call(path, { method: 'POST', body: { assignee: staff.id, version: none.version } }),
			200,
			schemas.dossierDetail
		);
		expect(byId.assigneeId).toBe(staff.id);
		// An admin without the staff role, an unknown address: not staff.
		for (const assignee of [admin.email, 'niemand@gemeente.be', randomUUID()]) {
			const p = await problemOf(
				await call(path, { method: 'POST', body: { assignee, version: byId.version } }),
				422
			);
			expect(p.errors?.map((x) => x.name)).toEqual(['assignee']);
		}
		const bad = await problemOf(
			await call(path, { method: 'POST', body: { assignee: 'geen adres', version: 1 } }),
			422
		);
		expect(bad.errors?.map((x) => x.name)).toEqual(['assignee']);
		const stale = await problemOf(
			await call(path, { method: 'POST', body: { assignee: null, version: d.version } }),
			409
		);
		expect(stale.changedBy).toBe('API: Zaaksysteem');
	});

	it('syncs: every change after the cursor, in change order, each dossier once', async () => {
		type Page = z.output<typeof schemas.dossierList>;
		const sync = async (cursor: string, extra = '', token = tok.write): Promise<Page> =>
			bodyOf(
				await call(`/dossiers?cursor=${cursor}&limit=3${extra}`, { token }),
				200,
				schemas.dossierList
			);
		/** Follows the feed from the cursor to its end: the dossier ids in order, and the cursor. */
		const drain = async (from: string, extra = '', token = tok.write) => {
			const ids: string[] = [];
			let cursor = from;
			for (let i = 0; i < 100; i++) {
				const page = await sync(cursor, extra, token);
				ids.push(...page.items.map((x) => x.id));
				expect(page.next).toMatch(/^c\d+$/);
				cursor = page.next!;
				if (!page.more) break;
			}
			return { ids, cursor };
		};
		const all = await drain('c0');
		const total = await t.db
			.selectFrom('dossier')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		expect(all.ids).toHaveLength(Number(total.n));
		expect(new Set(all.ids).size).toBe(all.ids.length);
		// Nothing changed: nothing new, and the cursor stays.
		expect(await drain(all.cursor)).toEqual({ ids: [], cursor: all.cursor });

		// Each kind of change brings the dossier back, once, in the order of the changes.
		const x = await fileDossier('volg');
		const y = await fileDossier('volg');
		const z1 = await fileDossier('ander');
		const { cursor } = await drain(all.cursor);
		await call(`/dossiers/${y.id}/messages`, { method: 'POST', body: { body: 'Vraag' } });
		await call(`/dossiers/${x.id}/assignment`, {
			method: 'POST',
			body: { assignee: staff.id, version: x.version }
		});
		await call(`/dossiers/${z1.id}/attachments`, {
			method: 'POST',
			body: pdfBytes,
			contentType: 'application/pdf',
			headers: { 'content-disposition': 'attachment; filename="a.pdf"' }
		});
		await call(`/dossiers/${y.id}/transitions`, {
			method: 'POST',
			body: { transition: 'behandelen', version: y.version }
		});
		const changed = await drain(cursor);
		expect(changed.ids).toEqual([x.id, z1.id, y.id]);
		const page = await sync(cursor);
		expect(page.items.map((i) => [i.id, i.version])).toEqual([
			[x.id, x.version + 1],
			[z1.id, z1.version],
			[y.id, y.version + 1]
		]);
		expect(page.items[2]).toMatchObject({ status: 'behandeling', changedAt: expect.any(String) });
		// A token limited to a process sees only its changes; a process filter likewise.
		expect((await drain(cursor, '', tok.other)).ids).toEqual([z1.id]);
		expect((await drain(cursor, '&process=volg')).ids).toEqual([x.id, y.id]);
		// changed_since: the changes at or after a moment.
		const since = new Date(Date.now() - 60_000).toISOString();
		const recent = await bodyOf(
			await call(`/dossiers?changed_since=${encodeURIComponent(since)}&limit=100`),
			200,
			schemas.dossierList
		);
		expect(recent.items.map((i) => i.id)).toEqual(expect.arrayContaining([x.id, y.id, z1.id]));
		const future = await bodyOf(
			await call(`/dossiers?changed_since=${encodeURIComponent('2999-01-01T00:00:00Z')}`),
			200,
			schemas.dossierList
		);
		expect(future.items).toEqual([]);
		// Not with the inbox's filters, nor both at once.
		const mixed = await problemOf(await call(`/dossiers?cursor=c0&state=ingediend&q=x`), 400);
		expect(mixed.errors?.map((e) => e.name)).toEqual(['state', 'q']);
		await problemOf(
			await call(`/dossiers?cursor=c0&changed_since=${encodeURIComponent(since)}`),
			400
		);
		await problemOf(await call('/dossiers?cursor=abc'), 400);
	});

	it('holds two change locks however many dossiers one transaction changes', async () => {
		const many = await Promise.all([1, 2, 3, 4].map(() => fileDossier('volg')));
		const held = await t.db.transaction().execute(async (trx) => {
			for (const d of many)
				await dossierRepo.insertEvent(trx, {
					dossierId: d.id,
					type: 'note',
					actorLabel: 'bulk',
					visibility: 'internal'
				});
			const { rows } = await sql<{ n: number }>`
				select count(*)::int as n from pg_locks
				where locktype = 'advisory' and pid = pg_backend_pid()
					and classid = 'dossier_change_seq'::regclass::oid`.execute(trx);
			return rows[0]?.n;
		});
		// The shared lock before the first number, and the first number's own lock.
		expect(held).toBe(2);
		// Each dossier still got its own, new change: the feed lists all four after the others.
		const feed = await bodyOf(
			await call('/dossiers?cursor=c0&limit=100'),
			200,
			schemas.dossierList
		);
		expect(
			feed.items
				.slice(-4)
				.map((i) => i.id)
				.sort()
		).toEqual(many.map((d) => d.id).sort());
	});

	it.runIf(backend === 'postgres')(
		'never passes a change that commits after a later one (two connections)',
		async () => {
			const p = await fileDossier('volg');
			const q = await fileDossier('volg');
			const start = await bodyOf(
				await call('/dossiers?cursor=c0&limit=100'),
				200,
				schemas.dossierList
			);
			let release!: () => void;
			const held = new Promise<void>((resolve) => (release = resolve));
			let taken!: () => void;
			const numbered = new Promise<void>((resolve) => (taken = resolve));
			// A slow transaction takes its change number first and commits last.
			const slow = t.db.transaction().execute(async (trx) => {
				await dossierRepo.insertEvent(trx, {
					dossierId: p.id,
					type: 'note',
					actorLabel: 'traag',
					visibility: 'internal'
				});
				taken();
				await held;
			});
			await numbered;
			await call(`/dossiers/${q.id}/messages`, { method: 'POST', body: { body: 'Snel' } });
			const during = await bodyOf(
				await call(`/dossiers?cursor=${start.next}&limit=100`),
				200,
				schemas.dossierList
			);
			// q's change has the higher number and is committed, but p's may still commit below it.
			expect(during.items).toEqual([]);
			expect(during.next).toBe(start.next);
			release();
			await slow;
			const after = await bodyOf(
				await call(`/dossiers?cursor=${during.next}&limit=100`),
				200,
				schemas.dossierList
			);
			expect(after.items.map((i) => i.id)).toEqual([p.id, q.id]);
		}
	);

	it('limits the calls per token per minute, answering 429 with Retry-After', async () => {
		const limited = await makeToken('Drukke koppeling', 'read');
		for (let i = 0; i < 3; i++)
			expect((await call('/processes', { token: limited.token, rateLimit: 3 })).status).toBe(200);
		const refused = await call('/processes', { token: limited.token, rateLimit: 3 });
		await problemOf(refused, 429);
		const wait = Number(refused.headers.get('retry-after'));
		expect(wait).toBeGreaterThanOrEqual(1);
		expect(wait).toBeLessThanOrEqual(60);
		// Other tokens are not affected.
		expect((await call('/processes', { token: tok.read, rateLimit: 3 })).status).toBeLessThan(500);
	});

	it('writes every call to the audit trail with the token name, status and dossier', async () => {
		const made = await makeToken('Audit', 'read');
		await call(`/dossiers/${a.id}`, { token: made.token });
		await call('/dossiers?limit=abc', { token: made.token });
		await call(`/dossiers/${a.id}/messages`, {
			method: 'POST',
			token: made.token,
			body: { body: 'x' }
		});
		const detail = await tokens.findToken(made.id, t.db);
		expect(detail?.lastUsedAt).not.toBeNull();
		expect(detail?.calls.map((c) => [c.method, c.path, c.status])).toEqual([
			['POST', `/api/v1/dossiers/${a.id}/messages`, 403],
			['GET', '/api/v1/dossiers?limit=abc', 400],
			['GET', `/api/v1/dossiers/${a.id}`, 200]
		]);
		const rows = await t.db
			.selectFrom('apiCall')
			.select(['tokenName', 'dossierId'])
			.where('tokenId', '=', made.id)
			.orderBy('id')
			.execute();
		expect(rows[0]).toEqual({ tokenName: 'Audit', dossierId: a.id });
	});
});

describe('the OpenAPI document', () => {
	const doc = buildOpenApiDocument('https://loket.example');

	it('is a valid OpenAPI 3.1 document', async () => {
		const validator = new Validator();
		const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it('describes every route under /api/v1, with the methods it answers', () => {
		const root = join(process.cwd(), 'src/routes/api/v1');
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const full = join(dir, name);
				if (statSync(full).isDirectory()) walk(full);
				else if (name === '+server.ts') files.push(full);
			}
		};
		walk(root);
		const routes = files
			.map((f) => {
				const path = '/' + relative(root, f).replace(/\/?\+server\.ts$/, '');
				const source = readFileSync(f, 'utf8');
				const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map(
					(m) => m[1]!
				);
				const served = [...source.matchAll(/serve\('(\w+)'/g)].map((m) => m[1]!);
				return { path: path.replace(/\[(\w+)\]/g, '{$1}'), methods, served };
			})
			// The document itself and the catch-all for unknown addresses are not operations.
			.filter((r) => r.path !== '/openapi.json' && !r.path.includes('...'));
		expect(routes.length).toBe(Object.keys(doc.paths).length);
		for (const r of routes) {
			const item = doc.paths[r.path] as Record<string, { operationId: string }> | undefined;
			expect(item, r.path).toBeDefined();
			expect(Object.keys(item!).sort()).toEqual(r.methods.map((m) => m.toLowerCase()).sort());
			expect(r.methods.map((m) => item![m.toLowerCase()]!.operationId)).toEqual(r.served);
		}
	});
});
