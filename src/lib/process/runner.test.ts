import { describe, expect, it } from 'vitest';
import type { AnswerMap, AnswerOptions, PageReading, PostcodeDirectory } from './answers';
import { testDefinition as def } from './answers/test-definition';
import { testMessages } from './answers/test-messages';
import {
	acceptPage,
	CHECK_PAGE,
	groupIssues,
	listSeenIssues,
	mergePage,
	nextStep,
	openPage,
	readPostedPage,
	SHOWN,
	type AnswerStore,
	type Saved
} from './runner';

const opts: AnswerOptions = { messages: testMessages, locale: 'nl', today: '2026-11-28' };

const applicant = {
	naam: 'Ada Peeters',
	rrn: '85073003328',
	eigendom: 'eigen',
	adres: { street: 'Kerkstraat', number: '12', box: '', postcode: '9000', municipality: 'Gent' }
};
const event = { datum: '2027-02-01', bezoekers: 20 };

const firstPage = {
	naam: ' Ada Peeters ',
	rrn: '85.07.30-033.28',
	rekening: '',
	eigendom: 'eigen',
	'adres.street': 'Kerkstraat',
	'adres.number': '12',
	'adres.box': '',
	'adres.postcode': '9000',
	'adres.municipality': 'Gent',
	email: ''
};

function formData(entries: Record<string, string | File | (string | File)[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(entries))
		for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
	return form;
}

/** An answer store in memory, as a fourth place to fill forms in would be: saves what it is given. */
function memoryStore(answers: AnswerMap, refuse?: Saved): AnswerStore & { saves: PageReading[] } {
	const saves: PageReading[] = [];
	return {
		form: def,
		saves,
		load: () => Promise.resolve(answers),
		save: (_pageIndex, reading) => {
			saves.push(reading);
			if (refuse) return Promise.resolve(refuse);
			const after: AnswerMap = { ...answers, ...reading.answers };
			for (const key of reading.hidden) delete after[key];
			answers = after;
			return Promise.resolve({ ok: true, answers: after });
		},
		locate: (step) => `/memory/${step}`
	};
}

describe('opening a page', () => {
	it('shows the first page with its saved values under the names it posts', () => {
		const opened = openPage(def, 'aanvrager', { naam: 'Ada', rrn: '85073003328' }, opts);
		expect(opened.kind).toBe('page');
		if (opened.kind !== 'page') return;
		expect(opened.view).toMatchObject({ pageIndex: 0, position: 1, total: 2, previous: null });
		expect(opened.view.values).toMatchObject({
			naam: 'Ada',
			rrn: '85.07.30-033.28',
			'adres.street': '',
			'contract.keep': []
		});
	});

	it('sends a citizen back to the first incomplete page, and past a page that does not apply', () => {
		expect(openPage(def, 'evenement', {}, opts)).toEqual({ kind: 'redirect', step: 'aanvrager' });
		expect(openPage(def, 'groot', { ...applicant, ...event }, opts)).toEqual({
			kind: 'redirect',
			step: CHECK_PAGE
		});
		expect(openPage(def, 'bestaat-niet', {}, opts)).toEqual({ kind: 'notFound' });
	});

	it('links back to the previous page, or to the check page for a citizen who came from there', () => {
		const answers = { ...applicant, ...event, bezoekers: 5000 };
		const third = openPage(def, 'groot', answers, opts);
		expect(third.kind === 'page' && third.view).toMatchObject({
			position: 3,
			total: 3,
			previous: 'evenement'
		});
		const fromCheck = openPage(def, 'evenement', answers, opts, { fromCheck: true });
		expect(fromCheck.kind === 'page' && fromCheck.view.previous).toBe(CHECK_PAGE);
	});
});

describe('reading a posted page', () => {
	it('refuses a name the page does not post, also one an earlier answer hides', () => {
		const posted = formData({ ...event, bezoekers: '20', leasemaatschappij: 'X', rol: 'admin' });
		expect(readPostedPage(def, 1, applicant, posted, opts)).toEqual({
			kind: 'refused',
			unknown: ['leasemaatschappij', 'rol']
		});
	});

	it('takes each name as its field posts it, and validates with one readPage', () => {
		let lookups = 0;
		const places: PostcodeDirectory = {
			namesOf: () => {
				lookups++;
				return ['Gent'];
			}
		};
		const posted = readPostedPage(def, 0, {}, formData({ ...firstPage, terug: CHECK_PAGE }), {
			...opts,
			places
		});
		expect(lookups).toBe(1);
		expect(posted.kind).toBe('read');
		if (posted.kind !== 'read') return;
		expect(posted.reading.issues).toEqual([]);
		expect(posted.reading.answers).toMatchObject({ naam: 'Ada Peeters', rrn: '85073003328' });
		expect(posted.values).toMatchObject({ naam: ' Ada Peeters ', 'adres.municipality': 'Gent' });
	});

	it('reads lists, boxes and files, and gives back what was typed without the files', () => {
		const lease = { ...applicant, eigendom: 'lease' };
		const contract = new File(['%PDF-1.7'], 'contract.pdf', { type: 'application/pdf' });
		const empty = new File([], '', { type: 'application/octet-stream' });
		const page0 = readPostedPage(
			def,
			0,
			{},
			formData({ ...firstPage, eigendom: 'lease', contract: [contract, empty] }),
			opts
		);
		expect(page0.kind === 'read' && page0.reading.uploads).toEqual({ contract: [contract] });
		expect(page0.kind === 'read' && page0.values['contract']).toEqual([]);
		expect(page0.kind === 'read' && page0.values['contract.keep']).toEqual([]);

		const page1 = readPostedPage(
			def,
			1,
			lease,
			formData({
				datum: '2027-02-01',
				bezoekers: '3.500',
				materiaal: ['tafels', 'stoelen'],
				tafels: ''
			}),
			opts
		);
		expect(page1.kind === 'read' && page1.reading.issues).toEqual([
			{ name: 'tafels', message: 'required(label=Aantal tafels)' }
		]);
		expect(page1.kind === 'read' && page1.values).toEqual({
			datum: '2027-02-01',
			bezoekers: '3.500',
			materiaal: ['tafels', 'stoelen'],
			tafels: '',
			leasemaatschappij: undefined
		});

		const answers = { ...applicant, ...event, bezoekers: 5000 };
		const ticked = readPostedPage(def, 2, answers, formData({ veiligheid: 'on' }), opts);
		expect(ticked.kind === 'read' && ticked.reading.answers).toEqual({ veiligheid: true });
		const unticked = readPostedPage(def, 2, answers, formData({}), opts);
		expect(unticked.kind === 'read' && unticked.reading.issues).toEqual([
			{ name: 'veiligheid', message: 'mustConsent(label=Ik maak een veiligheidsplan)' }
		]);
	});
});

describe('a question an answer brings up on the same page (without JavaScript)', () => {
	const shown = 'naam rrn rekening eigendom adres email';
	const lease = { ...firstPage, eigendom: 'lease' };

	it('is added, not missing, when the page as seen did not show it', () => {
		const posted = readPostedPage(def, 0, {}, formData({ ...lease, [SHOWN]: shown }), opts);
		if (posted.kind !== 'read') throw new Error('refused');
		expect(posted.added).toEqual(['contract']);
		expect(posted.reading.issues.map((i) => i.name)).toEqual(['contract']);
		expect(listSeenIssues(posted.reading.issues, posted.added)).toEqual([]);
		expect(posted.values).toMatchObject({ naam: ' Ada Peeters ', eigendom: 'lease' });
	});

	it('is missing once it was on the page, and for a client that does not say what it showed', () => {
		const seen = formData({ ...lease, [SHOWN]: `${shown} contract` });
		const again = readPostedPage(def, 0, {}, seen, opts);
		expect(again.kind === 'read' && again.added).toEqual([]);
		const api = readPostedPage(def, 0, {}, formData(lease), opts);
		expect(api.kind === 'read' && api.added).toEqual([]);
	});

	it('gives the issues of the other questions, also those of an address part', () => {
		const issues = [
			{ name: 'adres.street', message: 'a' },
			{ name: 'contract', message: 'b' }
		];
		expect(listSeenIssues(issues, ['contract'])).toEqual([issues[0]]);
		expect(listSeenIssues(issues, ['adres'])).toEqual([issues[1]]);
	});
});

describe('keeping a page in a store', () => {
	it('drops answers hidden and emptied, and puts in the page’s answers', () => {
		const reading: PageReading = {
			answers: { naam: 'Ada' },
			uploads: {},
			hidden: ['contract'],
			cleared: ['rekening'],
			issues: []
		};
		const before: AnswerMap = {
			naam: 'Ad',
			rekening: 'BE68539007547034',
			contract: [],
			datum: '2027-02-01'
		};
		expect(mergePage(before, reading)).toEqual({ naam: 'Ada', datum: '2027-02-01' });
		expect(before.rekening).toBe('BE68539007547034');
	});
});

describe('accepting a page', () => {
	const read = (pageIndex: number, answers: AnswerMap, posted: Record<string, string>) => {
		const result = readPostedPage(def, pageIndex, answers, formData(posted), opts);
		if (result.kind !== 'read') throw new Error('refused');
		return result.reading;
	};

	it('keeps nothing of a page with issues', async () => {
		const store = memoryStore({});
		const accepted = await acceptPage(store, 0, read(0, {}, { ...firstPage, naam: '' }), opts);
		expect(accepted).toEqual({
			kind: 'refused',
			issues: [{ name: 'naam', message: 'required(label=Naam)' }]
		});
		expect(store.saves).toEqual([]);
	});

	it('passes on why the store refused a page', async () => {
		const issues = [{ name: 'contract', message: 'not a PDF' }];
		const store = memoryStore({}, { ok: false, issues });
		expect(await acceptPage(store, 0, read(0, {}, firstPage), opts)).toEqual({
			kind: 'refused',
			issues
		});
	});

	it('goes on to the next page that applies for the saved answers, then to the end', async () => {
		const store = memoryStore({});
		expect(await acceptPage(store, 0, read(0, {}, firstPage), opts)).toEqual({
			kind: 'next',
			step: 'evenement'
		});
		const answers = await store.load();
		const big = read(1, answers, { datum: '2027-02-01', bezoekers: '5000' });
		expect(await acceptPage(store, 1, big, opts)).toEqual({ kind: 'next', step: 'groot' });
		const small = read(1, answers, { datum: '2027-02-01', bezoekers: '20' });
		expect(await acceptPage(store, 1, small, opts)).toEqual({ kind: 'next', step: CHECK_PAGE });
		expect(store.locate(CHECK_PAGE)).toBe('/memory/controle');
	});

	it('sends a citizen who came from the check page to the first incomplete page', () => {
		const done = { ...applicant, ...event };
		expect(nextStep(def, 0, done, opts, { fromCheck: true })).toBe(CHECK_PAGE);
		expect(nextStep(def, 0, done, opts)).toBe('evenement');
		const bigger = { ...done, bezoekers: 5000 };
		expect(nextStep(def, 1, bigger, opts, { fromCheck: true })).toBe('groot');
	});
});

describe('errors for the form components', () => {
	it('groups the messages per posted name, in order', () => {
		expect(
			groupIssues([
				{ name: 'a', message: '1' },
				{ name: 'b', message: '2' },
				{ name: 'a', message: '3' }
			])
		).toEqual({ a: ['1', '3'], b: ['2'] });
	});
});
