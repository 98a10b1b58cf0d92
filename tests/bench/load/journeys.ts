// The two journeys, one request per step, as async generators: a closed-loop run walks a journey
// to its end, the open-loop mixed run takes one step of some idle journey per arrival. A step
// that does not answer as a browser's would (status, redirect target, page content) is an error
// and ends its journey.
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Fields, Reply, Session } from './client';
import type { Recorder } from './stats';

export type Journey = AsyncGenerator<void, void, void>;

export class StepError extends Error {}

/** Out of dossiers for staff to move on: not an error of the server. */
export class NothingToDo extends Error {}

type Expect = (reply: Reply) => string | null;

const status =
	(code: number, contains?: string): Expect =>
	(r) =>
		r.status !== code
			? `status ${r.status}, expected ${code}${r.status >= 400 && r.status < 500 ? `: ${r.body.slice(0, 400)}` : ''}`
			: contains && !r.body.includes(contains)
				? `the page lacks "${contains}"`
				: null;

const redirectTo =
	(path: string | RegExp): Expect =>
	(r) =>
		r.status !== 303
			? `status ${r.status}, expected 303 to ${path}`
			: (typeof path === 'string' ? r.location === path : path.test(r.location ?? ''))
				? null
				: `redirected to ${r.location}, expected ${path}`;

async function step(rec: Recorder, name: string, send: () => Promise<Reply>, expect: Expect) {
	const started = performance.now();
	let reply: Reply | null = null;
	let why: string | null;
	try {
		reply = await send();
		why = expect(reply);
	} catch (e) {
		why = (e as Error).message;
	}
	rec.record(name, performance.now() - started, why === null, why ?? undefined);
	if (why !== null || !reply) throw new StepError(`${name}: ${why}`);
	return reply;
}

/** A real PNG of random pixels (incompressible), about 200 kB by default, different every time. */
export function makePng(width = 256, height = 260): Buffer {
	const raw = randomBytes(height * (1 + width * 3));
	for (let y = 0; y < height; y++) raw[y * (1 + width * 3)] = 0; // filter type: none
	const chunk = (type: string, data: Buffer) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(data.length, 0);
		head.write(type, 4, 'ascii');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
		return Buffer.concat([head, data, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 0 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

export const PROCESS = 'melding-openbaar-domein';

/** The answers of melding-openbaar-domein, page by page; the photo is made per journey. */
function answers(): [string, Fields][] {
	return [
		[
			'probleem',
			{ categorie: 'wegdek', omschrijving: 'Een diepe put in het fietspad, ongeveer 30 cm breed.' }
		],
		[
			'locatie',
			{
				'locatieAdres.street': 'Kerkstraat',
				'locatieAdres.number': '12',
				'locatieAdres.box': '',
				'locatieAdres.postcode': '9000',
				'locatieAdres.municipality': 'Gent',
				locatieOmschrijving: 'Tegenover de bushalte.',
				fotos: { filename: 'put.png', type: 'image/png', bytes: makePng() }
			}
		],
		['contact', { terugkoppeling: 'nee' }]
	];
}

/** A citizen reports a problem, anonymously, with a 200 kB photo: catalogue to receipt. */
export async function* citizenJourney(s: Session, rec: Recorder): Journey {
	const apply = `/p/${PROCESS}/aanvragen`;
	await step(rec, 'catalogue /', () => s.get('/'), status(200, `/p/${PROCESS}`));
	yield;
	await step(rec, 'product /p/:id', () => s.get(`/p/${PROCESS}`), status(200));
	yield;
	await step(rec, 'start /aanvragen', () => s.get(apply), redirectTo(`${apply}/probleem`));
	yield;
	const pages = answers();
	for (const [i, [pageId, fields]] of pages.entries()) {
		await step(rec, `GET ${pageId}`, () => s.get(`${apply}/${pageId}`), status(200, 'name="'));
		yield;
		const next = pages[i + 1]?.[0] ?? 'controle';
		const name = `POST ${pageId}${pageId === 'locatie' ? ' (200 kB photo)' : ''}`;
		await step(
			rec,
			name,
			() => s.post(`${apply}/${pageId}`, fields),
			redirectTo(`${apply}/${next}`)
		);
		yield;
	}
	const check = await step(
		rec,
		'check page (controle)',
		() => s.get(`${apply}/controle`),
		status(200, 'put.png')
	);
	yield;
	const submissionId = /name="submissionId" value="([^"]+)"/.exec(check.body)?.[1] ?? '';
	await step(
		rec,
		'submit',
		() => s.post(`${apply}/controle?/submit`, { submissionId }),
		redirectTo(`${apply}/ontvangen`)
	);
	yield;
	await step(
		rec,
		'receipt (ontvangen)',
		() => s.get(`${apply}/ontvangen`),
		status(200, 'Uw referentie')
	);
}

/** Per state of melding-openbaar-domein, the transition staff take next. */
const NEXT_STEP: [state: string, transition: string][] = [
	['ingediend', 'in_behandeling_nemen'],
	['in_behandeling', 'inplannen'],
	['ingepland', 'uitgevoerd']
];

export type Account = { email: string; password: string };

/** A staff member logs in: the login page, then the password (hashed with argon2id). */
export async function* logIn(s: Session, rec: Recorder, account: Account): Journey {
	await step(rec, 'login page', () => s.get('/aanmelden'), status(200, 'name="password"'));
	yield;
	await step(rec, 'log in (argon2id)', () => s.post('/aanmelden', account), redirectTo('/'));
}

/**
 * A staff member logs in (unless `account` is null: the session is logged in), then handles
 * dossiers: inbox, filtered on a state, a dossier, its next workflow step. `claimed` keeps
 * concurrent staff off the same dossier in the same state.
 */
export async function* staffJourney(
	s: Session,
	rec: Recorder,
	account: Account | null,
	claimed: Set<string>
): Journey {
	if (account) {
		yield* logIn(s, rec, account);
		yield;
	}
	for (;;) {
		await step(rec, 'inbox /backoffice', () => s.get('/backoffice'), status(200));
		yield;
		let picked: { id: string; transition: string } | null = null;
		for (const [state, transition] of NEXT_STEP) {
			const query = `?process=${PROCESS}&state=${state}`;
			const list = await step(
				rec,
				'inbox, filtered',
				() => s.get(`/backoffice${query}`),
				status(200)
			);
			yield;
			const ids = [...list.body.matchAll(/href="[^"]*\/backoffice\/dossiers\/([^"/?#]+)"/g)].map(
				(m) => m[1]
			);
			const id = ids.find((id) => !claimed.has(`${id}:${state}`));
			if (id) {
				claimed.add(`${id}:${state}`);
				picked = { id, transition };
				break;
			}
		}
		if (!picked) throw new NothingToDo('no dossier left to handle');
		const path = `/backoffice/dossiers/${picked.id}`;
		const page = await step(rec, 'dossier', () => s.get(path), status(200, 'name="version"'));
		yield;
		const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
		await step(
			rec,
			'workflow transition',
			() => s.post(`${path}?/transition`, { transition: picked.transition, version, note: '' }),
			status(200)
		);
		yield;
	}
}

/**
 * The same report sent in one request, as a phone sends the application it queued offline
 * (POST /aanvragen/verzenden: the answers as JSON and the photo as a file): one request, one dossier.
 */
/**
 * A report of a hole in the road with one photo (`foto-1`), as the device sends a whole submission
 * in one multipart request (POST /p/<id>/aanvragen/verzenden). A resend keeps the submissionId.
 */
export function deviceReport(
	photo: Uint8Array,
	{
		submissionId = randomUUID(),
		description = 'Een diepe put in het fietspad, ongeveer 30 cm breed.'
	}: { submissionId?: string; description?: string } = {}
): Fields {
	const answers = {
		categorie: 'wegdek',
		omschrijving: description,
		locatieAdres: {
			street: 'Kerkstraat',
			number: '12',
			box: '',
			postcode: '9000',
			municipality: 'Gent'
		},
		locatieOmschrijving: 'Tegenover de bushalte.',
		fotos: [{ id: 'foto-1', name: 'put.png', size: photo.byteLength, type: 'image/png' }],
		terugkoppeling: false
	};
	return {
		mode: 'submit',
		submissionId,
		answers: JSON.stringify(answers),
		'file:foto-1': {
			filename: 'put.png',
			type: 'image/png',
			bytes: Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength)
		}
	};
}

export async function* deviceSubmission(s: Session, rec: Recorder): Journey {
	const report = deviceReport(makePng());
	await step(
		rec,
		'POST /aanvragen/verzenden (200 kB photo)',
		() => s.post(`/p/${PROCESS}/aanvragen/verzenden`, report),
		status(200, '"status":"filed"')
	);
	yield;
}
