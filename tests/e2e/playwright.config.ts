// End-to-end tests: Debian's Chromium drives the built server (`node build`) on a fresh embedded
// database, or on the PostgreSQL database named by DATABASE_URL (which must start empty). Run
// `npm run build` first. Spec files run on parallel workers (E2E_WORKERS, default 2; the tests in
// one file run in order); the few specs that read or change what every other spec relies on run
// alone afterwards. E2E_SCOPE=smoke runs only the main journeys (tests tagged @smoke), as CI does on
// the embedded database after the whole suite ran on PostgreSQL.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { userAddCommands } from './users';

const port = Number(process.env.E2E_PORT ?? 4173);
const smoke = process.env.E2E_SCOPE === 'smoke';
/**
 * Specs that others must not run beside: counts of all rows compared before and after, a library
 * process retired for a moment, a new version of the complaint form published.
 */
const alone = [
	'injection.spec.ts',
	'access-matrix.spec.ts',
	'processes.spec.ts',
	'process-editor.spec.ts'
];
// Set once in the runner process; workers inherit it, so every spec sees the server's data dir.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'loket-e2e-'));

export default defineConfig({
	testDir: '.',
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: Number(process.env.E2E_WORKERS ?? 2),
	// Two workers, the server and two browsers share a 2-core machine in CI.
	timeout: 60_000,
	grep: smoke ? /@smoke/ : undefined,
	projects: [
		{ name: 'parallel', testIgnore: alone },
		{ name: 'alone', testMatch: alone, dependencies: smoke ? [] : ['parallel'], workers: 1 }
	],
	reporter: process.env.CI
		? 'list'
		: [['list'], ['html', { open: 'never', outputFolder: '../../playwright-report' }]],
	outputDir: '../../test-results',
	use: {
		baseURL: `http://localhost:${port}`,
		browserName: 'chromium',
		// A phone first: most citizens file from one.
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
		locale: 'nl-BE',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// The operator's way: accounts from the shell first (users.ts), then the server.
		command: `${userAddCommands()} && node build`,
		cwd: '../..',
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		// Five accounts made one by one on a fresh embedded database take a while on a busy machine.
		timeout: 240_000,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			BODY_SIZE_LIMIT: '20M',
			DATA_DIR: process.env.E2E_DATA_DIR,
			DATABASE_URL: process.env.DATABASE_URL ?? ''
		}
	}
});
