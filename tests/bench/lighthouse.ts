// Lighthouse (the npm package, mobile settings: a mid-range phone on a slow 4G connection, CPU
// slowed down 4×) on Debian's Chromium, against the built server on a fresh embedded database:
// the home page (the catalogue), a product page, the first page of a form and the tracking page of
// a report just filed. Prints the performance score, LCP, TBT, CLS, the bytes transferred and the
// JavaScript among them (compressed). Budget (issue 21): performance ≥ 98, LCP ≤ 1.5 s and at most
// 40 kB of JavaScript on each.
// Usage: npm run bench:lighthouse [-- --process melding-openbaar-domein --runs 3 --no-build
//   --report DIR]. Run it on a quiet machine: the load average it prints tells whether it was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { startBuiltServer } from './harness';
import { makePng } from './load/journeys';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values: args } = parseArgs({
	options: {
		process: { type: 'string', default: 'melding-openbaar-domein' },
		runs: { type: 'string', default: '3' },
		port: { type: 'string', default: '4474' },
		'no-build': { type: 'boolean', default: false },
		// A folder to write each run's full Lighthouse report (HTML) to, to see where time goes.
		report: { type: 'string' }
	}
});
const { base, stop } = await startBuiltServer({
	port: args.port,
	build: !args['no-build'],
	name: 'lighthouse'
});

type Result = {
	score: number;
	lcp: number;
	tbt: number;
	cls: number;
	bytes: number;
	js: number;
};
/** The compressed bytes of JavaScript the page loaded (Lighthouse's resource summary). */
function scriptBytes(details: unknown): number {
	const items = (details as { items?: { resourceType: string; transferSize: number }[] })?.items;
	return items?.find((i) => i.resourceType === 'script')?.transferSize ?? NaN;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
});
try {
	// /aanvragen starts a guest draft and sends the visitor to the form's first page with the draft's
	// cookie; Lighthouse loads that page with the same cookie, as the citizen's browser would.
	const start = await fetch(`${base}/p/${args.process}/aanvragen`, { redirect: 'manual' });
	const formPath = start.headers.get('location');
	const cookie = start.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (start.status !== 303 || !formPath || !cookie)
		throw new Error(`/aanvragen answered ${start.status} without a form page and a draft cookie`);
	// A report filed the way a phone sends its queue, then the tracking link from its receipt.
	const photo = makePng();
	const form = new FormData();
	form.set('mode', 'submit');
	form.set('submissionId', randomUUID());
	form.set(
		'answers',
		JSON.stringify({
			categorie: 'wegdek',
			omschrijving: 'Een diepe put in het fietspad, ongeveer 30 cm breed.',
			locatieAdres: {
				street: 'Kerkstraat',
				number: '12',
				box: '',
				postcode: '9000',
				municipality: 'Gent'
			},
			locatieOmschrijving: 'Tegenover de bushalte.',
			fotos: [{ id: 'foto-1', name: 'put.png', size: photo.length, type: 'image/png' }],
			terugkoppeling: false
		})
	);
	form.set('file:foto-1', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'put.png');
	const filed = await fetch(`${base}/p/${args.process}/aanvragen/verzenden`, {
		method: 'POST',
		body: form,
		headers: { origin: base }
	});
	const reply = (await filed.json()) as { status: string; receipt: string | null };
	const filedCookie = filed.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (reply.status !== 'filed' || !reply.receipt)
		throw new Error(`filing answered ${filed.status} ${JSON.stringify(reply)}`);
	const receipt = await (
		await fetch(`${base}${reply.receipt}`, { headers: { cookie: filedCookie } })
	).text();
	const tracking = /href="([^"]*\/volg\/[^"]+)"/.exec(receipt)?.[1];
	if (!tracking) throw new Error('the receipt has no tracking link');
	const trackingPath = new URL(tracking, `${base}${reply.receipt}`).pathname;

	const pages: { name: string; path: string; headers?: Record<string, string> }[] = [
		{ name: 'home page (catalogue)', path: '/' },
		{ name: `product page (/p/${args.process})`, path: `/p/${args.process}` },
		{ name: `form page (${formPath})`, path: formPath, headers: { Cookie: cookie } },
		{ name: 'tracking page (/volg/…)', path: trackingPath }
	];
	console.log(
		`Lighthouse ${args.runs} run(s) per page, mobile, median of each figure; load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} on ${cpus().length} cores:\n`
	);
	console.log(
		'page                                                 score   LCP ms   TBT ms    CLS   bytes  JS bytes'
	);
	if (args.report) mkdirSync(args.report, { recursive: true });
	for (const [p, { name, path, headers }] of pages.entries()) {
		const results: Result[] = [];
		for (let i = 0; i < Number(args.runs); i++) {
			const run = await lighthouse(`${base}${path}`, {
				port: chrome.port,
				output: args.report ? 'html' : 'json',
				logLevel: 'error',
				onlyCategories: ['performance'],
				extraHeaders: headers
			});
			if (!run) throw new Error(`Lighthouse gave no result for ${path}`);
			if (run.lhr.finalDisplayedUrl !== `${base}${path}`)
				throw new Error(`${path} ended on ${run.lhr.finalDisplayedUrl}: not the page meant`);
			if (args.report)
				writeFileSync(join(args.report, `page${p + 1}-run${i + 1}.html`), String(run.report));
			const audits = run.lhr.audits;
			results.push({
				score: Math.round((run.lhr.categories.performance.score ?? 0) * 100),
				lcp: audits['largest-contentful-paint'].numericValue ?? NaN,
				tbt: audits['total-blocking-time'].numericValue ?? NaN,
				cls: audits['cumulative-layout-shift'].numericValue ?? NaN,
				bytes: audits['total-byte-weight'].numericValue ?? NaN,
				js: scriptBytes(audits['resource-summary']?.details)
			});
		}
		const pick = (k: keyof Result) => median(results.map((r) => r[k]));
		console.log(
			`${name.padEnd(52)} ${String(pick('score')).padStart(5)} ${pick('lcp').toFixed(0).padStart(8)} ${pick('tbt').toFixed(0).padStart(8)} ${pick('cls').toFixed(3).padStart(6)} ${String(pick('bytes')).padStart(7)} ${String(pick('js')).padStart(9)}`
		);
		console.log(`${''.padEnd(52)} scores: ${results.map((r) => r.score).join(' ')}`);
	}
} finally {
	chrome.kill();
	stop();
}
