// The three ways of loading the server: virtual users walking journeys back to back (closed
// loop), a fixed URL requested back to back (for the references), and arrivals at a fixed rate
// whatever the answers' speed (open loop, the mixed run).
import { NothingToDo, StepError, type Journey } from './journeys';
import type { Recorder } from './stats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `vus` users, each walking a fresh journey after the last, until `seconds` are up. */
export async function runJourneys(
	vus: number,
	seconds: number,
	rec: Recorder,
	start: (vu: number) => Journey
): Promise<{ completed: number; failed: number; idle: number }> {
	const end = performance.now() + seconds * 1000;
	const result = { completed: 0, failed: 0, idle: 0 };
	rec.started = performance.now();
	await Promise.all(
		Array.from({ length: vus }, async (_, vu) => {
			while (performance.now() < end) {
				const journey = start(vu);
				try {
					for (;;) {
						const { done } = await journey.next();
						if (done) {
							result.completed++;
							break;
						}
						if (performance.now() >= end) {
							await journey.return();
							break;
						}
					}
				} catch (e) {
					if (e instanceof NothingToDo) {
						result.idle++;
						return;
					}
					if (!(e instanceof StepError)) throw e;
					result.failed++;
				}
			}
		})
	);
	rec.stop();
	return result;
}

/** `concurrency` loops requesting one URL back to back for `seconds`; `once` says if it went well. */
export async function runFixed(
	concurrency: number,
	seconds: number,
	rec: Recorder,
	name: string,
	once: () => Promise<string | null>
): Promise<void> {
	const end = performance.now() + seconds * 1000;
	rec.started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < end) {
				const started = performance.now();
				let why: string | null;
				try {
					why = await once();
				} catch (e) {
					why = (e as Error).message;
				}
				rec.record(name, performance.now() - started, why === null, why ?? undefined);
			}
		})
	);
	rec.stop();
}

/**
 * Open loop: `rate` arrivals per second for `seconds`, each the next step of an idle journey of
 * the kind drawn (staff with probability `staffShare`), or of a new one when all are busy, as new
 * users arrive whether or not the server keeps up. The rate achieved counts the answers up to the
 * last one (the run's end waits for those in flight); the scheduler's largest lag behind its plan
 * is returned, to show the client kept up. At most `maxInFlight` requests wait for an answer;
 * an arrival beyond that is not sent and counted as dropped (an error), which bounds the run's
 * length when the server falls behind.
 */
export async function runOpenLoop(opts: {
	rate: number;
	seconds: number;
	staffShare: number;
	rec: Recorder;
	maxInFlight: number;
	citizen: () => Journey;
	staff: () => Journey;
}): Promise<{
	sent: number;
	dropped: number;
	maxLagMs: number;
	citizenJourneys: number;
	staffJourneys: number;
}> {
	const idle = { citizen: [] as Journey[], staff: [] as Journey[] };
	const made = { citizen: 0, staff: 0 };
	const pending = new Set<Promise<void>>();
	let sent = 0;
	let dropped = 0;
	let maxLagMs = 0;
	let draw = 0;
	const started = performance.now();
	opts.rec.started = started;
	const fire = () => {
		if (pending.size >= opts.maxInFlight) {
			dropped++;
			return;
		}
		// A repeatable mix: every 1/staffShare-th arrival is a staff step.
		draw += opts.staffShare;
		const kind = draw >= 1 ? 'staff' : 'citizen';
		if (draw >= 1) draw -= 1;
		let journey = idle[kind].pop();
		if (!journey) {
			made[kind]++;
			journey = kind === 'staff' ? opts.staff() : opts.citizen();
		}
		const j = journey;
		const p = j.next().then(
			({ done }) => {
				if (!done) idle[kind].push(j);
			},
			(e: unknown) => {
				if (!(e instanceof StepError) && !(e instanceof NothingToDo)) throw e;
			}
		);
		pending.add(p);
		void p.finally(() => pending.delete(p));
	};
	for (;;) {
		const elapsed = performance.now() - started;
		if (elapsed >= opts.seconds * 1000) break;
		const due = Math.floor((elapsed * opts.rate) / 1000);
		while (sent < due) {
			maxLagMs = Math.max(maxLagMs, elapsed - (sent * 1000) / opts.rate);
			fire();
			sent++;
		}
		await sleep(1);
	}
	await Promise.all(pending);
	opts.rec.stop();
	for (const j of [...idle.citizen, ...idle.staff]) await j.return();
	return { sent, dropped, maxLagMs, citizenJourneys: made.citizen, staffJourneys: made.staff };
}
