// Measurements per step: each request's latency and whether it answered as the journey expects;
// printed as count, rate, p50/p95/p99 and errors.
export class Recorder {
	private readonly steps = new Map<string, { times: number[]; errors: number }>();
	private readonly examples = new Map<string, string>();
	started = performance.now();
	ended = 0;

	record(step: string, ms: number, ok: boolean, why?: string): void {
		let s = this.steps.get(step);
		if (!s) this.steps.set(step, (s = { times: [], errors: 0 }));
		s.times.push(ms);
		if (!ok) {
			s.errors++;
			if (why && !this.examples.has(step)) this.examples.set(step, why);
		}
	}

	stop(): void {
		this.ended = performance.now();
	}

	get seconds(): number {
		return ((this.ended || performance.now()) - this.started) / 1000;
	}

	summary(step?: string): Summary {
		const times: number[] = [];
		let errors = 0;
		for (const [name, s] of this.steps)
			if (step === undefined || name === step) {
				// Not push(...times): a fast reference server records more times than a call takes.
				for (const t of s.times) times.push(t);
				errors += s.errors;
			}
		return summarize(times, errors, this.seconds);
	}

	print(title: string): void {
		console.log(`\n${title} (${this.seconds.toFixed(1)} s)`);
		console.log(
			`  ${'step'.padEnd(34)} ${'count'.padStart(6)} ${'req/s'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'errors'.padStart(7)}`
		);
		const row = (name: string, s: Summary) =>
			console.log(
				`  ${name.padEnd(34)} ${String(s.count).padStart(6)} ${s.rate.toFixed(1).padStart(7)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.p99)} ${String(s.errors).padStart(7)}`
			);
		for (const name of this.steps.keys()) row(name, this.summary(name));
		const all = this.summary();
		row('all requests', all);
		console.log(`  error rate ${(all.errorRate * 100).toFixed(2)} %  (latency in ms)`);
		for (const [name, why] of [...this.examples].slice(0, 3))
			console.log(`  first error at ${name}: ${why}`);
	}
}

export type Summary = {
	count: number;
	errors: number;
	errorRate: number;
	rate: number;
	p50: number;
	p95: number;
	p99: number;
};

export function summarize(times: number[], errors: number, seconds: number): Summary {
	const sorted = [...times].sort((a, b) => a - b);
	const pct = (p: number) =>
		sorted.length === 0
			? NaN
			: sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
	return {
		count: sorted.length,
		errors,
		errorRate: sorted.length === 0 ? 0 : errors / sorted.length,
		rate: sorted.length / seconds,
		p50: pct(50),
		p95: pct(95),
		p99: pct(99)
	};
}

const ms = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(1)).padStart(7);
