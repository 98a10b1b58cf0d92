// Standard replies on a real database: clerks' templates are checked when saved (title, Dutch
// text, known placeholders, an existing process), offered on the dossiers of their process (and
// those for every process), filled in for the dossier in the language the citizen filed in.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDefinition } from '$lib/process/answers/test-definition';
import { processDefinition } from '$lib/process/definition';
import * as dossierRepo from '$lib/server/dossiers/repository';
import * as processes from '$lib/server/processes/service';
import * as templates from '$lib/server/replies/service';
import * as users from '$lib/server/users/service';
import { backend, openTestDatabase, type TestDatabase } from './test-db';

const one = processDefinition.parse({ ...testDefinition, id: 'een' });
const two = processDefinition.parse({ ...testDefinition, id: 'twee' });

describe(`standard replies on ${backend}`, () => {
	let t: TestDatabase;
	let clerkId: string;

	beforeAll(async () => {
		t = await openTestDatabase();
		await processes.importLibrary(
			[
				{ file: 'een.json', definition: one },
				{ file: 'twee.json', definition: two }
			],
			t.db
		);
		const r = await users.addUser(
			{ email: 'clara@gemeente.be', password: 'een lange zin als wachtwoord', roles: ['clerk'] },
			t.db
		);
		if (!r.ok) throw new Error(r.reason);
		clerkId = r.user.id;
	});
	afterAll(async () => {
		await t.drop();
	});

	const dossier = async (
		processId: string,
		language: 'nl' | 'en' | 'fr',
		dueDate: string | null
	) => {
		const d = await dossierRepo.insertDossier(t.db, {
			reference: `2026-${String(Math.floor(Math.random() * 900000) + 100000)}`,
			processId,
			processVersion: 1,
			status: one.workflow.initial,
			answers: JSON.stringify({}),
			language,
			ownerId: null,
			guestTokenHash: randomUUID(),
			applicantName: 'Ada Peeters',
			applicantEmail: 'ada@example.be',
			submissionId: randomUUID(),
			dueDate
		});
		if (!d) throw new Error('not inserted');
		return d;
	};

	it('refuses a template without title or Dutch text, with an unknown placeholder or process', async () => {
		const result = await templates.saveTemplate(
			clerkId,
			{
				processId: 'bestaat-niet',
				title: ' ',
				bodyNl: 'Beste {nam},',
				bodyEn: 'x'.repeat(5001),
				bodyFr: 'Madame, Monsieur {nome},'
			},
			null,
			t.db
		);
		expect(result).toEqual({
			ok: false,
			refusal: {
				title: 'required',
				bodyNl: { unknown: ['{nam}'] },
				bodyEn: 'too-long',
				bodyFr: { unknown: ['{nome}'] },
				processId: 'unknown-process'
			}
		});
		const empty = await templates.saveTemplate(
			clerkId,
			{ processId: null, title: 'Leeg', bodyNl: '  ', bodyEn: '', bodyFr: '' },
			null,
			t.db
		);
		expect(empty).toEqual({ ok: false, refusal: { bodyNl: 'required' } });
		expect(await templates.listTemplates(t.db)).toEqual([]);
	});

	it('offers a process’s own templates and those for all, filled in in the citizen’s language', async () => {
		const own = await templates.saveTemplate(
			clerkId,
			{
				processId: 'een',
				title: ' Ontvangen ',
				bodyNl: 'Beste {naam}, dossier {referentie} krijgt een beslissing vóór {termijn}.',
				bodyEn: 'Dear {name}, case {reference} is decided by {due}.',
				bodyFr: 'Madame, Monsieur {nom}, le dossier {reference} sera décidé avant le {echeance}.'
			},
			null,
			t.db
		);
		const all = await templates.saveTemplate(
			clerkId,
			{
				processId: null,
				title: 'Groet',
				bodyNl: 'Met vriendelijke groet, {gemeente}',
				bodyEn: '',
				bodyFr: ''
			},
			null,
			t.db
		);
		const elsewhere = await templates.saveTemplate(
			clerkId,
			{ processId: 'twee', title: 'Ander proces', bodyNl: 'Niet hier.', bodyEn: '', bodyFr: '' },
			null,
			t.db
		);
		expect([own.ok, all.ok, elsewhere.ok]).toEqual([true, true, true]);

		const dutch = await dossier('een', 'nl', '2026-12-12');
		const offered = await templates.templatesForDossier(dutch, 'Gemeente Voorbeeld', t.db);
		expect(offered.map((o) => [o.title, o.text])).toEqual([
			['Groet', 'Met vriendelijke groet, Gemeente Voorbeeld'],
			[
				'Ontvangen',
				`Beste Ada Peeters, dossier ${dutch.reference} krijgt een beslissing vóór 12 december 2026.`
			]
		]);

		// English where the template has it, the Dutch text where it has not; no due date named.
		const english = await dossier('een', 'en', null);
		const inEnglish = await templates.templatesForDossier(english, 'Gemeente Voorbeeld', t.db);
		expect(inEnglish.map((o) => o.text)).toEqual([
			'Met vriendelijke groet, Gemeente Voorbeeld',
			`Dear Ada Peeters, case ${english.reference} is decided by no deadline.`
		]);

		// French likewise, with its own placeholder names and the date written the Belgian French way.
		const french = await dossier('een', 'fr', '2026-12-12');
		const inFrench = await templates.templatesForDossier(french, 'Gemeente Voorbeeld', t.db);
		expect(inFrench.map((o) => o.text)).toEqual([
			'Met vriendelijke groet, Gemeente Voorbeeld',
			`Madame, Monsieur Ada Peeters, le dossier ${french.reference} sera décidé avant le 12 décembre 2026.`
		]);

		const other = await dossier('twee', 'nl', null);
		expect(
			(await templates.templatesForDossier(other, 'X', t.db)).map((o) => o.title).sort()
		).toEqual(['Ander proces', 'Groet']);
	});

	it('changes and deletes a template, and says when there is none', async () => {
		const saved = await templates.saveTemplate(
			clerkId,
			{ processId: 'een', title: 'Oud', bodyNl: 'Oude tekst', bodyEn: '', bodyFr: '' },
			null,
			t.db
		);
		if (!saved.ok) throw new Error('not saved');
		const changed = await templates.saveTemplate(
			clerkId,
			{ processId: 'twee', title: 'Nieuw', bodyNl: 'Nieuwe tekst', bodyEn: 'New text', bodyFr: '' },
			saved.id,
			t.db
		);
		expect(changed).toEqual({ ok: true, id: saved.id });
		expect(await templates.getTemplate(saved.id, t.db)).toMatchObject({
			processId: 'twee',
			title: 'Nieuw',
			bodyEn: 'New text',
			updatedBy: clerkId
		});
		expect(await templates.deleteTemplate(saved.id, t.db)).toBe(true);
		expect(await templates.deleteTemplate(saved.id, t.db)).toBe(false);
		expect(await templates.getTemplate(saved.id, t.db)).toBeNull();
		expect(await templates.getTemplate('not-a-uuid', t.db)).toBeNull();
		const gone = await templates.saveTemplate(
			clerkId,
			{ processId: null, title: 'X', bodyNl: 'Y', bodyEn: '', bodyFr: '' },
			saved.id,
			t.db
		);
		expect(gone).toEqual({ ok: false, reason: 'not-found' });
	});
});
