// Lighthouse (the npm package, mobile settings: a mid-range phone on a slow 4G connection, CPU
// slowed down 4×) on Debian's Chromium, against the built server on a fresh embedded database:
// the home page (the catalogue) and the first page of a form. Prints the performance score,
// LCP, TBT, CLS and the bytes transferred. Budget (issue 7): performance ≥ 95 on both.
// Usage: npm run bench:lighthouse [-- --process melding-openbaar-domein --runs 3 --no-build
//   --report DIR]. Run it on a quiet machine: the load average it prints tells whether it was.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBuiltServer } from './harness';
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

type Result = { score: number; lcp: number; tbt: number; cls: number; bytes: number };
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
	const pages: { name: string; path: string; headers?: Record<string, string> }[] = [
		{ name: 'home page (catalogue)', path: '/' },
		{ name: `form page (${formPath})`, path: formPath, headers: { Cookie: cookie } }
	];
	console.log(
		`Lighthouse ${args.runs} run(s) per page, mobile, median of each figure; load average ${loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')} on ${cpus().length} cores:\n`
	);
	console.log(
		'page                                                 score   LCP ms   TBT ms    CLS   bytes'
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
				bytes: audits['total-byte-weight'].numericValue ?? NaN
			});
		}
		const pick = (k: keyof Result) => median(results.map((r) => r[k]));
		console.log(
			`${name.padEnd(52)} ${String(pick('score')).padStart(5)} ${pick('lcp').toFixed(0).padStart(8)} ${pick('tbt').toFixed(0).padStart(8)} ${pick('cls').toFixed(3).padStart(6)} ${String(pick('bytes')).padStart(7)}`
		);
		console.log(`${''.padEnd(52)} scores: ${results.map((r) => r.score).join(' ')}`);
	}
} finally {
	chrome.kill();
	stop();
}
