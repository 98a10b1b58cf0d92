// Benchmark of the first form page a citizen sees, at a phone viewport:
//  - the JavaScript and CSS a first visit downloads (raw and gzip), measured in Chromium;
//  - the server's render rate and latency for that page, with a concurrent load on 127.0.0.1.
// Usage: npm run bench:form [-- --process melding-openbaar-domein --requests 2000 --concurrency 20]
// Builds the app unless --no-build is given; starts `node build` on a fresh embedded database.
import { parseArgs } from 'node:util';
import { startBuiltServer } from './harness';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const { values: args } = parseArgs({
	options: {
		process: { type: 'string', default: 'melding-openbaar-domein' },
		requests: { type: 'string', default: '2000' },
		concurrency: { type: 'string', default: '20' },
		port: { type: 'string', default: '4473' },
		'no-build': { type: 'boolean', default: false }
	}
});
const { base, stop } = await startBuiltServer({
	port: args.port,
	build: !args['no-build'],
	name: 'bench'
});

try {
	// 1. What a first visit downloads, in a real browser at a phone viewport.
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu']
	});
	const page = await browser.newPage({ viewport: { width: 412, height: 915 }, isMobile: true });
	const assets: { url: string; type: 'js' | 'css'; raw: number; gzip: number }[] = [];
	page.on('response', async (response) => {
		const url = response.url();
		const type = /\.m?js(\?|$)/.test(url) ? 'js' : /\.css(\?|$)/.test(url) ? 'css' : null;
		if (!type) return;
		const body = await response.body().catch(() => null);
		if (body)
			assets.push({ url, type, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
	});
	await page.goto(`${base}/p/${args.process}/aanvragen`, { waitUntil: 'networkidle' });
	const formPath = new URL(page.url()).pathname;
	const cookies = await page.context().cookies();
	await browser.close();
	const sum = (type: 'js' | 'css', key: 'raw' | 'gzip') =>
		assets.filter((a) => a.type === type).reduce((n, a) => n + a[key], 0);
	const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
	console.log(`first form page: ${formPath} (phone viewport, empty cache)`);
	console.log(
		`  JavaScript: ${assets.filter((a) => a.type === 'js').length} files, ${kb(sum('js', 'raw'))} raw, ${kb(sum('js', 'gzip'))} gzip (budget 60 kB gzip)`
	);
	console.log(
		`  CSS:        ${assets.filter((a) => a.type === 'css').length} files, ${kb(sum('css', 'raw'))} raw, ${kb(sum('css', 'gzip'))} gzip`
	);

	// 2. Server render rate and latency of that page for the same citizen (draft cookie).
	const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	const total = Number(args.requests);
	const latencies: number[] = [];
	let next = 0;
	let errors = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: Number(args.concurrency) }, async () => {
			while (next < total) {
				next++;
				const t = performance.now();
				const response = await fetch(`${base}${formPath}`, {
					headers: { cookie, accept: 'text/html' }
				});
				await response.arrayBuffer();
				if (response.status !== 200) errors++;
				latencies.push(performance.now() - t);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	const pct = (p: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
	console.log(
		`server render of ${formPath}: ${total} requests, concurrency ${args.concurrency}, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`
	);
	console.log(
		`  ${(total / seconds).toFixed(0)} pages/s, p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, errors ${errors}`
	);
} finally {
	stop();
}
