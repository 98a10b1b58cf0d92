// The staff inbox on a real database: every filter, full-text search on the answers and the
// applicant's e-mail, keyset pages that cover every row exactly once even when many rows share a
// sort key, counts per state, saved filters that only their owner sees or deletes, and a CSV
// export that a spreadsheet cannot mistake for formulas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/repository';
import * as backofficeRepo from '$lib/server/inbox/repository';
import * as inbox from '$lib/server/inbox/service';
import { fileDossier, type DossierSeed } from '../fixtures/dossiers';
import {
	defineProcess,
	importProcesses,
	reviewTransitions,
	workflowState
} from '../fixtures/processes';
import { addUser } from '../fixtures/users';
import { asOwner, backend, openTestDatabase, type TestDatabase } from './test-db';

// A Wednesday: "due this week" runs from today to Sunday 6 December.
const NOW = new Date('2026-12-02T10:00:00Z');

const state = (id: string, kind: 'open' | 'waiting' | 'final', label: string) =>
	workflowState(id, kind, { label: { nl: label, en: `EN ${label}` } });

const definitionFor = (id: string, title: string) =>
	defineProcess(
		id,
		{
			states: [
				state('ingediend', 'open', 'Nieuw binnen'),
				state('onvolledig', 'waiting', 'Wacht op aanvulling'),
				state('goedgekeurd', 'final', 'Goedgekeurd')
			],
			transitions: reviewTransitions()
		},
		{ title: { nl: title } }
	);

describe(`the staff inbox on ${backend}`, () => {
	let t: TestDatabase;
	let stijn: SessionUser;
	let sara: SessionUser;
	let counter = 0;

	beforeAll(async () => {
		t = await openTestDatabase();
		await importProcesses(t.db, [
			definitionFor('terras', 'Terrasvergunning'),
			definitionFor('feest', 'Buurtfeest'),
			definitionFor('bulk', 'Massa')
		]);
		stijn = await addUser(t.db, 'stijn@gemeente.be', ['staff'], 'Stijn Balie');
		sara = await addUser(t.db, 'sara@gemeente.be', ['staff'], 'Sara Loket');
	});
	afterAll(async () => {
		await t.drop();
	});

	type Seed = Omit<DossierSeed, 'reference' | 'processId'> & { processId?: string };
	async function file(seed: Seed = {}) {
		counter++;
		return fileDossier(t.db, {
			reference: `2026-${String(counter).padStart(6, '0')}`,
			processId: 'terras',
			submittedAt: '2026-11-20T09:00:00Z',
			...seed
		});
	}
	const list = async (query: string, userId = stijn.id) =>
		inbox.getInbox(userId, new URLSearchParams(query), t.db, NOW);
	const refs = async (query: string, userId = stijn.id) =>
		(await list(query, userId)).items.map((i) => i.reference).sort();

	describe('filters', () => {
		const r: Record<string, string> = {};
		beforeAll(async () => {
			const add = async (name: string, seed: Seed) => {
				r[name] = (await file({ processId: 'feest', ...seed })).reference;
			};
			await add('plain', {});
			await add('terras', { processId: 'terras' });
			await add('waiting', { status: 'onvolledig', clockPausedAt: '2026-11-25T10:00:00Z' });
			await add('mine', { assigneeId: stijn.id });
			await add('saras', { assigneeId: sara.id });
			await add('overdue', { dueDate: '2026-12-01' });
			await add('closedLate', {
				status: 'goedgekeurd',
				dueDate: '2026-11-30',
				closedAt: '2026-11-29T10:00:00Z'
			});
			await add('thisWeek', { dueDate: '2026-12-06' });
			await add('nextWeek', { dueDate: '2026-12-07' });
			// Received late on 25 November in Brussels, which is already the 25th in UTC too;
			// 23:30 UTC on the 26th is the 27th in Brussels.
			await add('early', { submittedAt: '2026-11-10T09:00:00Z' });
			await add('lateNight', { submittedAt: '2026-11-26T23:30:00Z' });
			await add('answers', {
				answers: { naam: 'Jan', omschrijving: 'Een springkasteel op het plein' }
			});
			await add('email', { applicantEmail: 'marie.peeters@voorbeeld.be', applicantName: 'Marie' });
		});
		const feest = (extra: string) => `process=feest${extra ? `&${extra}` : ''}`;

		it('filters on process and on state', async () => {
			expect(await refs('process=terras')).toEqual([r.terras]);
			expect(await refs(feest('state=onvolledig'))).toEqual([r.waiting]);
			expect((await refs(feest(''))).length).toBe(Object.keys(r).length - 1);
		});

		it('filters on assignee: mine, unassigned or a named colleague', async () => {
			expect(await refs(feest('assignee=mine'))).toEqual([r.mine]);
			expect(await refs(feest('assignee=mine'), sara.id)).toEqual([r.saras]);
			expect(await refs(feest(`assignee=${sara.id}`))).toEqual([r.saras]);
			const unassigned = await refs(feest('assignee=unassigned'));
			expect(unassigned).not.toContain(r.mine);
			expect(unassigned).not.toContain(r.saras);
			expect(unassigned).toContain(r.plain);
		});

		it('offers quick views of what is urgent, and shows which one is open', async () => {
			const start = await list('');
			expect(start.quickViews).toEqual([
				{ id: 'overdue', query: 'overdue=1&sort=due&dir=asc', current: false },
				{ id: 'week', query: 'week=1&sort=due&dir=asc', current: false },
				{ id: 'mine', query: 'assignee=mine&open=1&sort=due&dir=asc', current: false },
				{ id: 'unassigned', query: 'assignee=unassigned&open=1&sort=due&dir=asc', current: false }
			]);
			// The same filter in another order is still that view.
			const overdue = await list('dir=asc&sort=due&overdue=1');
			expect(overdue.quickViews.map((v) => v.current)).toEqual([true, false, false, false]);
			// Open only: the closed dossier drops out, the waiting one stays.
			const open = await refs(feest('open=1'));
			expect(open).not.toContain(r.closedLate);
			expect(open).toContain(r.waiting);
			expect(open.length).toBe(Object.keys(r).length - 2);
		});

		it('finds overdue dossiers (not the closed ones) and those due this week', async () => {
			expect(await refs(feest('overdue=1'))).toEqual([r.overdue]);
			expect(await refs(feest('week=1'))).toEqual([r.thisWeek]);
			const view = await list(feest(''));
			const byRef = new Map(view.items.map((i) => [i.reference, i]));
			expect(byRef.get(r.overdue)).toMatchObject({ overdue: true, paused: false });
			expect(byRef.get(r.closedLate)).toMatchObject({ overdue: false });
			expect(byRef.get(r.waiting)).toMatchObject({ paused: true });
			expect(byRef.get(r.waiting)?.stateLabel).toEqual({
				nl: 'Wacht op aanvulling',
				en: 'EN Wacht op aanvulling'
			});
			expect(byRef.get(r.mine)?.assignee).toBe('Stijn Balie');
			expect(byRef.get(r.plain)?.assignee).toBeNull();
			expect(byRef.get(r.plain)?.processTitle).toEqual({ nl: 'Buurtfeest' });
		});

		it('filters on the day received, in Brussels time', async () => {
			expect(await refs(feest('from=2026-11-01&to=2026-11-15'))).toEqual([r.early]);
			expect(await refs(feest('from=2026-11-27&to=2026-11-27'))).toEqual([r.lateNight]);
			expect(await refs(feest('from=2026-11-26&to=2026-11-26'))).toEqual([]);
			// A malformed date is ignored rather than failing the page.
			expect((await list(feest('from=gisteren'))).filter.from).toBe('');
		});

		it('searches the answers, the e-mail address, the name and the reference', async () => {
			expect(await refs(feest('q=springkasteel'))).toEqual([r.answers]);
			expect(await refs(feest('q=marie.peeters@voorbeeld.be'))).toEqual([r.email]);
			expect(await refs(feest('q=Marie'))).toEqual([r.email]);
			expect(await refs(`q=${r.terras}`)).toEqual([r.terras]);
			// The start of a reference finds it too.
			expect(await refs(`q=${r.terras.slice(0, -1)}`)).toContain(r.terras);
			expect(await refs(feest('q=draaimolen'))).toEqual([]);
			// Search syntax never breaks the query.
			expect((await refs(feest('q=' + encodeURIComponent('"springkasteel -plein')))).length).toBe(
				0
			);
			expect(await refs(feest('q=' + encodeURIComponent("' or 1=1 --%_")))).toEqual([]);
		});

		it('counts per state for the current filter, each with a link that adds the state', async () => {
			const view = await list(feest('state=onvolledig'));
			const counts = Object.fromEntries(view.counts.map((c) => [c.state, c.count]));
			// The state filter itself does not shrink the counts.
			expect(counts).toEqual({
				goedgekeurd: 1,
				ingediend: Object.keys(r).length - 3,
				onvolledig: 1
			});
			const waiting = view.counts.find((c) => c.state === 'onvolledig');
			expect(waiting?.label).toEqual({ nl: 'Wacht op aanvulling', en: 'EN Wacht op aanvulling' });
			expect(new URLSearchParams(waiting?.query).get('state')).toBe('onvolledig');
			expect(new URLSearchParams(waiting?.query).get('process')).toBe('feest');
			const overdue = await list(feest('overdue=1'));
			expect(overdue.counts).toEqual([expect.objectContaining({ state: 'ingediend', count: 1 })]);
		});
	});

	describe('search in Dutch', () => {
		const r: Record<string, string> = {};
		beforeAll(async () => {
			await importProcesses(t.db, [definitionFor('zoek', 'Zoeken')]);
			const add = async (name: string, seed: Seed) => {
				r[name] = (await file({ processId: 'zoek', ...seed })).reference;
			};
			await add('accent', { applicantName: 'Dieudonné Mbeki' });
			await add('stem', { answers: { omschrijving: 'Losliggende tegels op het voetpad' } });
			await add('apostrophe', { applicantName: "Els D'Hondt" });
			await add('curly', {
				answers: { straat: 'Sint-Pietersplein', opmerking: 'Het café’s terras' }
			});
		});
		const zoek = async (q: string) => refs(`process=zoek&q=${encodeURIComponent(q)}`);

		it('ignores accents and case, both ways', async () => {
			expect(await zoek('dieudonne')).toEqual([r.accent]);
			expect(await zoek('DIEUDONNÉ')).toEqual([r.accent]);
		});

		it('finds other forms of a Dutch word', async () => {
			expect(await zoek('tegel')).toEqual([r.stem]);
			expect(await zoek('tegels voetpaden')).toEqual([r.stem]);
			// As written still works for words the stemmer would not know.
			expect(await zoek('losliggende')).toEqual([r.stem]);
		});

		it('ignores apostrophes, straight and curly', async () => {
			expect(await zoek('dhondt')).toEqual([r.apostrophe]);
			expect(await zoek("d'hondt")).toEqual([r.apostrophe]);
			expect(await zoek('D’Hondt')).toEqual([r.apostrophe]);
			expect(await zoek('cafés')).toEqual([r.curly]);
		});

		it('never matches the key of a field, only what was answered', async () => {
			// Every dossier here has an answer under `omschrijving` or `straat` or `naam`.
			expect(await zoek('omschrijving')).toEqual([]);
			expect(await zoek('straat')).toEqual([]);
			expect(await zoek('naam')).toEqual([]);
		});

		it('finds a reference with or without its year and leading zeros', async () => {
			const ref = r.stem!;
			const number = ref.split('-')[1]!;
			expect(await zoek(ref)).toEqual([r.stem]);
			expect(await zoek(number)).toEqual([r.stem]);
			expect(await zoek(number.replace(/^0+/, ''))).toEqual([r.stem]);
		});
	});

	describe('keyset pages', () => {
		const ids: string[] = [];
		beforeAll(async () => {
			// 130 dossiers on three moments and four due dates (one of them none): many ties.
			const moments = [
				'2026-11-01T08:00:00.123456Z',
				'2026-11-02T08:00:00Z',
				'2026-11-03T08:00:00Z'
			];
			const dues = ['2026-12-10', '2026-12-11', null, '2026-12-12'];
			for (let i = 0; i < 130; i++) {
				const d = await file({
					processId: 'bulk',
					submittedAt: moments[i % 3],
					dueDate: dues[i % 4]
				});
				ids.push(d.id);
			}
		});

		for (const [sort, dir] of [
			['received', 'desc'],
			['received', 'asc'],
			['due', 'asc'],
			['due', 'desc']
		] as const)
			it(`cover every row exactly once, sorted on ${sort} ${dir}`, async () => {
				const seen: inbox.InboxItem[] = [];
				let query: string | null = `process=bulk&sort=${sort}&dir=${dir}`;
				let pages = 0;
				while (query !== null) {
					const view = await list(query);
					expect(view.items.length).toBeLessThanOrEqual(inbox.INBOX_PAGE_SIZE);
					expect(view.firstPage).toBe(pages === 0);
					seen.push(...view.items);
					query = view.next;
					pages++;
				}
				expect(pages).toBe(3);
				expect(seen.map((i) => i.id).sort()).toEqual([...ids].sort());
				const key = (i: inbox.InboxItem) =>
					sort === 'received'
						? i.submittedAt.toISOString()
						: (i.dueDate ?? (dir === 'asc' ? '9999' : '0000'));
				const keys = seen.map(key);
				const sorted = [...keys].sort();
				expect(keys).toEqual(dir === 'asc' ? sorted : sorted.reverse());
				// Dossiers without a due date come last either way.
				if (sort === 'due') expect(seen.at(-1)?.dueDate).toBeNull();
			});

		it('ignores a forged cursor instead of failing', async () => {
			const view = await list('process=bulk&after=' + encodeURIComponent("x' or 1=1_y"));
			expect(view.firstPage).toBe(true);
			expect(view.items).toHaveLength(inbox.INBOX_PAGE_SIZE);
		});

		it('exports every filtered row in pages, once each', async () => {
			const csv = await new Response(
				inbox.exportCsv(stijn, new URLSearchParams('process=bulk&sort=due'), 'nl', t.db, NOW, 7)
			).text();
			const lines = csv.trimEnd().split('\r\n');
			expect(lines).toHaveLength(131);
			const references = lines.slice(1).map((l) => l.split(';')[0]);
			expect(new Set(references).size).toBe(130);
		});
	});

	describe('saved filters', () => {
		it('are kept per user; only the owner sees and deletes them', async () => {
			const saved = await inbox.saveFilter(
				stijn.id,
				{ name: '  Mijn te late  ', query: '?assignee=mine&overdue=1&after=x_y&junk=1' },
				t.db
			);
			if (!saved.ok) throw new Error(saved.reason);
			expect(await inbox.listSavedFilters(stijn.id, t.db)).toEqual([
				{ id: saved.id, name: 'Mijn te late', query: 'assignee=mine&overdue=1' }
			]);
			expect((await list('')).savedFilters.map((s) => s.name)).toEqual(['Mijn te late']);
			expect(await inbox.listSavedFilters(sara.id, t.db)).toEqual([]);
			expect((await list('', sara.id)).savedFilters).toEqual([]);

			expect(await inbox.deleteSavedFilter(sara.id, saved.id, t.db)).toBe(false);
			expect(await inbox.listSavedFilters(stijn.id, t.db)).toHaveLength(1);
			expect(await inbox.deleteSavedFilter(stijn.id, 'not-a-uuid', t.db)).toBe(false);
			expect(await inbox.deleteSavedFilter(stijn.id, saved.id, t.db)).toBe(true);
			expect(await inbox.listSavedFilters(stijn.id, t.db)).toEqual([]);
		});

		it('need a name of reasonable length', async () => {
			expect(await inbox.saveFilter(stijn.id, { name: '   ', query: '' }, t.db)).toEqual({
				ok: false,
				reason: 'name-required'
			});
			expect(await inbox.saveFilter(stijn.id, { name: 'x'.repeat(101), query: '' }, t.db)).toEqual({
				ok: false,
				reason: 'name-too-long'
			});
		});
	});

	describe('counts per state at any size', () => {
		const filters: backofficeRepo.TallyQuery[] = [
			{},
			{ processId: 'terras' },
			{ processId: 'feest', open: true },
			{ assigneeId: null },
			{ assigneeId: 'x' },
			{ processId: 'terras', assigneeId: 'x', open: true }
		];
		const base = { today: '2026-12-02', timeZone: 'Europe/Brussels' };
		async function expectTallyToMatchCounting() {
			for (const f of filters) {
				const where = { ...f, assigneeId: f.assigneeId === 'x' ? sara.id : f.assigneeId };
				const counted = await backofficeRepo.countByStatus(t.db, { ...base, ...where }, 1e6);
				expect(await backofficeRepo.countByStatusFromTally(t.db, where)).toEqual(counted);
			}
			const perVersion = await t.db
				.selectFrom('dossier')
				.select(['processId', 'processVersion', (eb) => eb.fn.countAll<number>().as('count')])
				.groupBy(['processId', 'processVersion'])
				.execute();
			const sorted = <T extends { processId: string }>(rows: T[]) =>
				rows
					.map((r) => ({ ...r, count: Number((r as { count?: unknown }).count) }))
					.sort((a, b) => a.processId.localeCompare(b.processId));
			expect(sorted(await backofficeRepo.countByVersionFromTally(t.db))).toEqual(
				sorted(perVersion)
			);
			expect(await backofficeRepo.countByVersionFromTally(t.db, 'feest')).toEqual(
				sorted(perVersion).filter((r) => r.processId === 'feest')
			);
		}

		it('keeps a running tally that agrees with counting, through moves, closing and deleting', async () => {
			const a = await file({ processId: 'terras' });
			const b = await file({ processId: 'terras', assigneeId: sara.id });
			const c = await file({ processId: 'feest' });
			await expectTallyToMatchCounting();
			await t.db
				.updateTable('dossier')
				.set({ status: 'goedgekeurd', closedAt: new Date() })
				.where('id', '=', a.id)
				.execute();
			await t.db
				.updateTable('dossier')
				.set({ assigneeId: null, status: 'onvolledig' })
				.where('id', '=', b.id)
				.execute();
			await t.db
				.updateTable('dossier')
				.set({ assigneeId: sara.id })
				.where('id', '=', c.id)
				.execute();
			// An update that changes nothing the tally keys on adds no rows.
			const before = await t.db.selectFrom('dossierTally').select('n').execute();
			await t.db
				.updateTable('dossier')
				.set({ dueDate: '2027-01-01' })
				.where('id', '=', c.id)
				.execute();
			expect(await t.db.selectFrom('dossierTally').select('n').execute()).toHaveLength(
				before.length
			);
			// The application may not delete a dossier; the tables' owner may, and the tally follows.
			await asOwner(t, (owner) => owner.deleteFrom('dossier').where('id', '=', c.id).execute());
			await expectTallyToMatchCounting();

			// Folding leaves one row per key and the same counts.
			const folded = await backofficeRepo.foldTally(t.db);
			expect(folded).toBeGreaterThan(0);
			await expectTallyToMatchCounting();
			const keys = await t.db
				.selectFrom('dossierTally')
				.select(['processId', 'processVersion', 'status', 'assigneeId', 'open'])
				.execute();
			expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(keys.length);
			expect(await backofficeRepo.foldTally(t.db)).toBe(0);
		});

		it('does not count per state when more dossiers match than the limit', async () => {
			const q = { ...base, processId: 'bulk' };
			const all = await backofficeRepo.countByStatus(t.db, q, 1000);
			const total = all?.reduce((n, c) => n + c.count, 0) ?? 0;
			expect(total).toBeGreaterThan(1);
			expect(await backofficeRepo.countByStatus(t.db, q, total)).toEqual(all);
			expect(await backofficeRepo.countByStatus(t.db, q, total - 1)).toBeNull();
		});
	});

	describe('CSV export', () => {
		it('escapes cells a spreadsheet would run as formulas, and quotes', () => {
			expect(inbox.csvCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
			expect(inbox.csvCell('+32 470')).toBe(`"'+32 470"`);
			expect(inbox.csvCell('-1')).toBe(`"'-1"`);
			expect(inbox.csvCell('@cmd')).toBe(`"'@cmd"`);
			expect(inbox.csvCell('Zeg "ja"; of niet')).toBe(`"Zeg ""ja""; of niet"`);
			expect(inbox.csvCell('Jan')).toBe('"Jan"');
		});

		it('streams UTF-8 with a byte order mark, a header row and escaped values', async () => {
			const d = await file({
				processId: 'terras',
				applicantName: '=HYPERLINK("http://kwaad.example","Klik")',
				applicantEmail: '@kwaad@example.be',
				assigneeId: sara.id,
				dueDate: '2026-11-30'
			});
			const response = new Response(
				inbox.exportCsv(stijn, new URLSearchParams(`q=${d.reference}`), 'en', t.db, NOW)
			);
			const bytes = new Uint8Array(await response.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
			expect(lines[0]).toBe(
				'"Reference";"Product";"Applicant";"Applicant\'s e-mail address";"Status";"Assignee";"Received";"Due date";"Overdue";"Paused"'
			);
			expect(lines).toHaveLength(2);
			expect(lines[1]).toBe(
				`"${d.reference}";"Terrasvergunning";"'=HYPERLINK(""http://kwaad.example"",""Klik"")";"'@kwaad@example.be";"EN Nieuw binnen";"Sara Loket";"2026-11-20 10:00";"2026-11-30";"yes";""`
			);
		});
	});
});
