// An exclusive lock on the embedded database's directory. PGlite is a single-process database:
// a second process writing the same files would corrupt them, so it must stop at once instead.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class DatabaseLockedError extends Error {
	override name = 'DatabaseLockedError';
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		// EPERM: the process exists but belongs to someone else.
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock or throws DatabaseLockedError; returns the function that releases it. */
export function acquireLock(lockFile: string): () => void {
	mkdirSync(dirname(lockFile), { recursive: true });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockFile, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				process.off('exit', release);
				rmSync(lockFile, { force: true });
			};
			process.on('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
			// A lock left by a process that died (or by a previous container with our pid) is stale.
			if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid))
				throw new DatabaseLockedError(
					`The embedded database in ${dirname(lockFile)} is in use by another Loket process (pid ${pid}). ` +
						'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.'
				);
			rmSync(lockFile, { force: true });
		}
	}
	throw new DatabaseLockedError(`Could not lock ${lockFile}`);
}
