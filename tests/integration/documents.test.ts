// Issued documents on a real database, with the library's attest gezinssamenstelling: approving
// issues the sealed certificate (pdfsig verifies it), refusing issues the refusal letter with the
// reason, both in the transition's transaction with their audit event, webhook event and the mail
// that names them; a document that cannot be made stops the transition; nobody changes one after.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDefinition } from '$lib/process/loader';
import type { ProcessDefinition } from '$lib/process/definition';
import type { SessionUser } from '$lib/server/auth/repository';
import * as documents from '$lib/server/documents/service';
import * as handling from '$lib/server/dossiers/handling';
import * as views from '$lib/server/dossiers/views';
import { LocalFileStorage, readAll } from '$lib/server/files/storage';
import * as webhooks from '$lib/server/webhooks/service';
import { fileDossier, recordSubmitted } from '../fixtures/dossiers';
import { importProcesses } from '../fixtures/processes';
import { makeTestSeal, runPdfsig, type TestSeal } from '../fixtures/seal';
import { addUser } from '../fixtures/users';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

const dir = mkdtempSync(join(tmpdir(), 'loket-issued-'));
const storage = new LocalFileStorage(join(dir, 'files'));

function libraryDefinition(id: string): ProcessDefinition {
	const result = parseDefinition(`forms/${id}.json`, readFileSync(`forms/${id}.json`, 'utf8'));
	if (!result.ok) throw new Error(result.errors.join('\n'));
	return result.definition;
}

const pdfText = (bytes: Uint8Array) => {
	const file = join(dir, `read-${Math.random().toString(36).slice(2)}.pdf`);
	writeFileSync(file, bytes);
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

describe(`issued documents on ${backend}`, () => {
	let t: TestDatabase;
	let staff: SessionUser;
	let citizen: SessionUser;
	let seal: TestSeal;
	let settings: documents.DocumentSettings;
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [libraryDefinition('attest-gezinssamenstelling')]);
		staff = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		citizen = await addUser(t.db, 'an@example.be', ['citizen'], 'An Peeters');
		seal = makeTestSeal(dir);
		settings = {
			municipalityName: 'Gemeente Testdorp',
			logoFile: undefined,
			seal: { p12File: seal.p12File, password: seal.password },
			origin: 'https://loket.testdorp.be'
		};
		await webhooks.create(
			null,
			{ name: 'dms', url: 'https://dms.testdorp.be/hook', events: ['document.issued'] },
			t.db
		);
	});
	afterAll(async () => {
		await t.drop();
	});

	async function attestDossier(language: 'nl' | 'en' | 'fr' = 'nl') {
		counter++;
		const dossier = await fileDossier(t.db, {
			reference: `2026-${String(700000 + counter)}`,
			processId: 'attest-gezinssamenstelling',
			ownerId: citizen.id,
			applicantName: 'An Peeters',
			applicantEmail: 'an@example.be',
			language,
			answers: {
				attestType: 'gezinssamenstelling',
				metHistoriek: false,
				doel: 'groeipakket',
				voorWie: 'mezelf',
				levering: 'email',
				voornaam: 'An',
				achternaam: 'Peeters',
				email: 'an@example.be'
			}
		});
		await recordSubmitted(t.db, dossier);
		return dossier;
	}
	const staffActor = () => ({ kind: 'staff' as const, user: staff });

	it('approving issues the sealed certificate, in the transaction, with event, webhook and mail', async () => {
		const d = await attestDossier();
		const at = new Date('2026-12-07T09:30:00Z');
		const result = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'afleveren', expectedVersion: d.version },
			t.db,
			at,
			{ storage, settings }
		);
		if (!result.ok) throw new Error(result.reason);

		const issued = await documents.listForDossier(d.id, t.db);
		expect(issued).toEqual([
			expect.objectContaining({
				title: 'Attest gezinssamenstelling',
				kind: 'certificate',
				fileName: `attest-${d.reference}.pdf`,
				sealed: true
			})
		]);
		const file = await documents.openDocument(
			d,
			issued[0].id,
			{ kind: 'citizen' },
			{ storage },
			t.db
		);
		if (!file) throw new Error('not stored');
		expect(file.type).toBe('application/pdf');
		const bytes = await readAll(file.body);
		expect(bytes.byteLength).toBe(issued[0].size);
		expect(file.size).toBe(issued[0].size);
		const saved = join(dir, 'issued.pdf');
		writeFileSync(saved, bytes);
		const report = runPdfsig(saved);
		expect(report).toContain('Signature Validation: Signature is Valid.');
		expect(report).toContain('Total document signed');
		const text = pdfText(bytes);
		expect(text).toContain('Attest gezinssamenstelling');
		expect(text).toContain(d.reference);
		expect(text).toContain('An Peeters');
		expect(text).toContain('Stijn Balie');
		expect(text).toContain('Doel: Groeipakket (kinderbijslag)');
		expect(text).not.toContain('niet elektronisch verzegeld');

		const view = await views.viewForCitizen(result.dossier, t.db);
		expect(view.documents.map((x) => x.id)).toEqual([issued[0].id]);
		expect(view.timeline.filter((e) => e.kind === 'document')).toEqual([
			expect.objectContaining({ title: 'Attest gezinssamenstelling' })
		]);

		const outbox = await t.db.selectFrom('outbox').select(['kind', 'payload']).execute();
		const mail = outbox.find(
			(r) =>
				r.kind === 'dossier-transitioned' && (r.payload as { dossierId: string }).dossierId === d.id
		);
		expect(mail?.payload).toMatchObject({ documentIds: [issued[0].id] });
		const deliveries = await t.db
			.selectFrom('webhookDelivery')
			.select(['eventType', 'payload'])
			.where('eventType', '=', 'document.issued')
			.execute();
		expect(deliveries.map((x) => x.payload)).toContainEqual(
			expect.objectContaining({
				type: 'document.issued',
				data: expect.objectContaining({
					dossierId: d.id,
					documentId: issued[0].id,
					kind: 'certificate',
					sealed: true,
					sha256: issued[0].sha256
				})
			})
		);
	});

	it('refusing issues the refusal letter with the reason, in the dossier’s language', async () => {
		const d = await attestDossier('en');
		const result = await handling.transition(
			d.id,
			staffActor(),
			{
				transitionId: 'weigeren',
				expectedVersion: d.version,
				note: 'The person concerned is not registered in Testdorp.'
			},
			t.db,
			new Date(),
			{ storage, settings }
		);
		if (!result.ok) throw new Error(result.reason);
		const [letter] = await documents.listForDossier(d.id, t.db);
		expect(letter).toMatchObject({ kind: 'refusal', sealed: true });
		const file = await documents.openDocument(d, letter.id, { kind: 'citizen' }, { storage }, t.db);
		const text = pdfText(await readAll(file!.body));
		expect(text).toContain('Refusal of a certificate of household composition');
		expect(text).toContain('The person concerned is not registered in Testdorp.');
		expect(text).toContain('Dear An Peeters');
	});

	it('a citizen who filed in French gets the document in French (the definition’s text falling back to Dutch)', async () => {
		const d = await attestDossier('fr');
		const result = await handling.transition(
			d.id,
			staffActor(),
			{
				transitionId: 'weigeren',
				expectedVersion: d.version,
				note: 'La personne n’est pas inscrite à Testdorp.'
			},
			t.db,
			new Date(),
			{ storage, settings }
		);
		if (!result.ok) throw new Error(result.reason);
		const [letter] = await documents.listForDossier(d.id, t.db);
		expect(letter).toMatchObject({ kind: 'refusal', sealed: true });
		const row = await t.db
			.selectFrom('outgoingDocument')
			.select('language')
			.where('id', '=', letter.id)
			.executeTakeFirstOrThrow();
		expect(row.language).toBe('fr');
		const file = await documents.openDocument(d, letter.id, { kind: 'citizen' }, { storage }, t.db);
		const text = pdfText(await readAll(file!.body));
		expect(text).toContain('La personne n’est pas inscrite à Testdorp.');
		expect(text).toContain('Numéro du document');
		expect(text).toContain('Refus');
	});

	it('without a seal, the document is made unsealed and says so', async () => {
		const d = await attestDossier();
		const result = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'klaarleggen', expectedVersion: d.version },
			t.db,
			new Date(),
			{ storage, settings: { ...settings, seal: undefined } }
		);
		if (!result.ok) throw new Error(result.reason);
		const [doc] = await documents.listForDossier(d.id, t.db);
		expect(doc.sealed).toBe(false);
		const file = await documents.openDocument(d, doc.id, { kind: 'citizen' }, { storage }, t.db);
		expect(pdfText(await readAll(file!.body))).toContain(
			'Dit document is niet elektronisch verzegeld.'
		);
	});

	it('a document that cannot be made stops the transition: nothing is stored', async () => {
		const d = await attestDossier();
		const result = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'afleveren', expectedVersion: d.version },
			t.db,
			new Date(),
			{ storage, settings: { ...settings, seal: { p12File: seal.p12File, password: 'fout' } } }
		);
		expect(result).toEqual({
			ok: false,
			reason: 'document-failed',
			message: expect.stringMatching(/could not be sealed/)
		});
		const after = await t.db
			.selectFrom('dossier')
			.select(['status', 'version'])
			.where('id', '=', d.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ status: 'ingediend', version: d.version });
		expect(await documents.listForDossier(d.id, t.db)).toEqual([]);
		const events = await t.db
			.selectFrom('dossierEvent')
			.select('type')
			.where('dossierId', '=', d.id)
			.execute();
		expect(events.map((e) => e.type)).toEqual(['submitted']);
	});

	it('an issued document cannot be changed or removed, not even by the tables’ owner', async () => {
		const d = await attestDossier();
		const result = await handling.transition(
			d.id,
			staffActor(),
			{ transitionId: 'afleveren', expectedVersion: d.version },
			t.db,
			new Date(),
			{ storage, settings }
		);
		if (!result.ok) throw new Error(result.reason);
		const [doc] = await documents.listForDossier(d.id, t.db);
		const refused = async (run: () => Promise<unknown>) => {
			try {
				await run();
			} catch (e) {
				return (e as { code?: string }).code;
			}
			return 'done';
		};
		expect(
			await refused(() =>
				t.db
					.updateTable('outgoingDocument')
					.set({ sha256: '0'.repeat(64) })
					.execute()
			)
		).toBe('42501');
		expect(await refused(() => t.db.deleteFrom('outgoingDocument').execute())).toBe('42501');
		expect(
			await refused(() =>
				asOwner(t, (trx) =>
					trx
						.updateTable('outgoingDocument')
						.set({ title: 'Vals' })
						.where('id', '=', doc.id)
						.execute()
				)
			)
		).toBe('42501');
		expect(
			await refused(() =>
				asOwner(t, (trx) => trx.deleteFrom('outgoingDocument').where('id', '=', doc.id).execute())
			)
		).toBe('42501');
		expect((await documents.listForDossier(d.id, t.db))[0]).toEqual(doc);
	});

	it('another dossier’s document id is not found', async () => {
		const [a, b] = [await attestDossier(), await attestDossier()];
		const result = await handling.transition(
			a.id,
			staffActor(),
			{ transitionId: 'afleveren', expectedVersion: a.version },
			t.db,
			new Date(),
			{ storage, settings }
		);
		if (!result.ok) throw new Error(result.reason);
		const [doc] = await documents.listForDossier(a.id, t.db);
		expect(
			await documents.openDocument(b, doc.id, { kind: 'citizen' }, { storage }, t.db)
		).toBeNull();
		expect(
			await documents.openDocument(a, 'not-a-uuid', { kind: 'citizen' }, { storage }, t.db)
		).toBeNull();
	});
});
