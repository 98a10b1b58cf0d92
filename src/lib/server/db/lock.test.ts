import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, DatabaseLockedError } from './lock';

const lockFile = () => join(mkdtempSync(join(tmpdir(), 'loket-lock-')), 'pglite.lock');

describe('embedded database lock', () => {
	it('is taken with our pid and removed on release', () => {
		const file = lockFile();
		const release = acquireLock(file);
		expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
		release();
		expect(existsSync(file)).toBe(false);
	});

	it('stops a second process while the first one lives', async () => {
		const file = lockFile();
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
		try {
			writeFileSync(file, String(other.pid));
			expect(() => acquireLock(file)).toThrow(DatabaseLockedError);
			expect(() => acquireLock(file)).toThrow(
				`is in use by another Loket process (pid ${other.pid})`
			);
		} finally {
			other.kill('SIGKILL');
			await new Promise((r) => other.once('exit', r));
		}
		// Once that process is gone (killed, never cleaned up), its lock is stale and is taken over.
		const release = acquireLock(file);
		expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
		release();
	});
});
