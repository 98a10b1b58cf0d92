// Downloads of a stored file: a photo of about 9.7 MB (the form's limit is 10 MB) filed once, then
// fetched from its tracking page's link by --clients concurrent clients, --downloads times in all,
// against the built server on the embedded database. Prints the server's CPU per download, the
// throughput, the latency, and how far the server's memory (RSS, sampled every 10 ms) rose above
// what it held before: a server that reads each file whole into memory rises by about one file per
// download in flight, one that streams by a few chunks.
//
//   npm run bench:downloads [-- --clients 20 --downloads 200 --no-build --port 4320]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startBuiltServer } from './harness';
import { formData } from './load/client';
import { deviceReport, makePng, PROCESS } from './load/journeys';
import { readCpuSeconds } from './load/references';

const { values: args } = parseArgs({
	options: {
		clients: { type: 'string', default: '20' },
		downloads: { type: 'string', default: '200' },
		port: { type: 'string', default: '4320' },
		'no-build': { type: 'boolean', default: false }
	}
});
const clients = Number(args.clients);
const downloads = Number(args.downloads);

function rssMb(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** Files one report with the photo; returns the address of the photo's download. */
async function fileReport(base: string, photo: Buffer): Promise<string> {
	const filed = await fetch(`${base}/p/${PROCESS}/aanvragen/verzenden`, {
		method: 'POST',
		body: formData(deviceReport(photo)),
		headers: { accept: 'application/json', origin: base }
	});
	if (!filed.ok) throw new Error(`filing: ${filed.status} ${await filed.text()}`);
	const token = /=([^;]+)/.exec(filed.headers.getSetCookie()[0] ?? '')?.[1];
	if (!token) throw new Error('filing set no draft cookie');
	const page = await (await fetch(`${base}/volg/${token}`)).text();
	const link = /href="(?:\.\.)?(\/volg\/[^"]+\/bestanden\/[0-9a-f-]{36})"/.exec(page)?.[1];
	if (!link) throw new Error('the tracking page links no file');
	return `${base}${link}`;
}

async function main() {
	process.env.BODY_SIZE_LIMIT = '30M';
	const server = await startBuiltServer({
		port: args.port,
		build: !args['no-build'],
		name: 'downloads'
	});
	const pid = server.pid!;
	try {
		const photo = makePng(1800, 1800);
		const url = await fileReport(server.base, photo);
		// Warm up: the route, the statement cache.
		for (let i = 0; i < 3; i++) await (await fetch(url)).arrayBuffer();
		const before = rssMb(pid);
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 10);
		const cpu0 = readCpuSeconds(pid);
		const started = performance.now();
		const times: number[] = [];
		let next = 0;
		let wrong = 0;
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (next < downloads) {
					next++;
					const t = performance.now();
					const response = await fetch(url);
					const bytes = Buffer.from(await response.arrayBuffer());
					times.push(performance.now() - t);
					if (!response.ok || !bytes.equals(photo)) wrong++;
				}
			})
		);
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		const cpu = readCpuSeconds(pid) - cpu0;
		times.sort((a, b) => a - b);
		const mb = photo.length / 1024 / 1024;
		console.log(
			`bench:downloads: ${downloads} downloads of a ${mb.toFixed(1)} MB photo by ${clients} clients, ` +
				`load average ${loadavg()[0].toFixed(1)}`
		);
		console.log(`  server CPU per download  ${((cpu / downloads) * 1000).toFixed(1)} ms`);
		console.log(`  throughput               ${((downloads * mb) / seconds).toFixed(0)} MB/s`);
		console.log(
			`  latency p50 / p95        ${times[Math.floor(times.length / 2)].toFixed(0)} / ${times[Math.floor(times.length * 0.95)].toFixed(0)} ms`
		);
		console.log(
			`  server memory            ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`
		);
		console.log(`  wrong or failed          ${wrong}`);
		if (wrong > 0) process.exitCode = 1;
	} finally {
		server.stop();
	}
}

await main();
