// `npm start`: the built server (adapter-node's build/) on every core. The primary process forks
// WORKERS Loket workers (default: the number of cores) that share one port (Node's cluster hands
// out the connections), one PostgreSQL and one DATA_DIR, and forks a worker again when one dies.
// Each worker runs the outbox and the periodic jobs too; the database sees that each job is done
// once (outbox/worker.ts). The embedded database (PGlite, without DATABASE_URL) is one process
// holding a lock on its files: then there is one worker, and the log says so.
// Plain JavaScript so that production needs only `node`, not the build tools.
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';

const embedded = !process.env.DATABASE_URL;
const asked = process.env.WORKERS ? Number(process.env.WORKERS) : availableParallelism();
if (!Number.isInteger(asked) || asked < 1) {
	console.error(
		`Loket cannot start: WORKERS must be a whole number of at least 1, not "${process.env.WORKERS}"`
	);
	process.exit(1);
}

if (embedded || asked === 1 || !cluster.isPrimary) {
	if (cluster.isPrimary && embedded && asked > 1)
		console.log(
			`The embedded database (PGlite) runs in one process: 1 worker instead of ${asked}. ` +
				'Set DATABASE_URL to PostgreSQL to use every core (README, "Capacity").'
		);
	await import(new URL('../../build/index.js', import.meta.url).href);
} else {
	console.log(`Loket: ${asked} workers on PostgreSQL (WORKERS=${asked})`);
	let stopping = false;
	const fork = () => cluster.fork();
	for (let i = 0; i < asked; i++) fork();
	// A worker that dies is replaced, after a second so a worker that cannot start does not spin.
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) return;
		console.error(
			`Loket worker ${worker.process.pid} stopped (${signal ?? code}); starting another`
		);
		setTimeout(fork, 1000).unref();
	});
	// SIGTERM/SIGINT: each worker finishes its requests and its outbox batch (adapter-node's shutdown),
	// then the primary ends.
	for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT']))
		process.on(signal, () => {
			stopping = true;
			for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
			setTimeout(() => process.exit(0), 30_000).unref();
			cluster.on('exit', () => {
				if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
			});
		});
}
