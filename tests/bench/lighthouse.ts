// Lighthouse (the npm package, mobile settings: a mid-range phone on a slow 4G connection, CPU
// slowed down 4×) on Debian's Chromium, against the built server on a fresh embedded database:
// the home page (the catalogue) and the first page of a form. Prints the performance score,
// LCP, TBT, CLS and the bytes transferred. Budget (issue 7): performance ≥ 95 on both.
// Usage: npm run bench:lighthouse [-- --process melding-openbaar-domein --runs 3 --no-build]
import { parseArgs } from 'node:util';
import { startBuiltServer } from './harness';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const { values: args } = parseArgs({
	options: {
		process: { type: 'string', default: 'melding-openbaar-domein' },
		runs: { type: 'string', default: '3' },
		port: { type: 'string', default: '4474' },
		'no-build': { type: 'boolean', default: false }
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
	// The first form page is where /apply sends a new visitor (a guest draft starts there).
	const start = await fetch(`${base}/p/${args.process}/apply`, { redirect: 'manual' });
	const formPath = start.headers.get('location') ?? `/p/${args.process}/apply`;
	const pages = { 'home page (catalogue)': '/', [`form page (${formPath})`]: formPath };
	console.log(`Lighthouse ${args.runs} run(s) per page, mobile, median of each figure:\n`);
	console.log(
		'page                                                 score   LCP ms   TBT ms    CLS   bytes'
	);
	for (const [name, path] of Object.entries(pages)) {
		const results: Result[] = [];
		for (let i = 0; i < Number(args.runs); i++) {
			const run = await lighthouse(`${base}${path}`, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance']
			});
			const audits = run!.lhr.audits;
			results.push({
				score: Math.round((run!.lhr.categories.performance.score ?? 0) * 100),
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
	}
} finally {
	chrome.kill();
	stop();
}
