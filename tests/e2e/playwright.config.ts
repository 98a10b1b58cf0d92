// End-to-end tests: Debian's Chromium drives the built server (`node build`) on a fresh embedded
// database, or on the PostgreSQL database named by DATABASE_URL (which must start empty). Run
// `npm run build` first. Spec files run on parallel workers (E2E_WORKERS, default 2; the tests in
// one file run in order). The few specs that read or change what every other spec relies on run
// alone afterwards, on one worker. E2E_ALONE_SERVER=1 (CI sets it) runs them instead on a second
// server with its own database (DATABASE_URL's name + `_alone`, made anew; its user must be
// allowed to create databases), at the same time as the others. (On a machine held at a load of
// 11–19 by other work, the process editor's spec once timed out that way.) E2E_SCOPE=smoke runs only the main journeys (tests
// tagged @smoke), as CI does on the embedded database.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { makeTestSeal, TEST_SEAL_PASSWORD } from '../fixtures/seal';
import { e2eProvidersFile } from './test-provider';
import { writeAccountsFile } from './users';

const port = Number(process.env.E2E_PORT ?? 4173);
const smoke = process.env.E2E_SCOPE === 'smoke';
const workers = Number(process.env.E2E_WORKERS ?? 2);
/** The alone specs on a second server of their own (see above). */
const separate = !smoke && process.env.E2E_ALONE_SERVER === '1';
const alonePort = port + 1;
/** The test identity provider (eID, itsme, an SMS code) both servers sign citizens in with. */
const providerPort = port + 3;
/**
 * Specs that others must not run beside: counts of all rows compared before and after, a library
 * process retired for a moment, a new version of the complaint form published, a process added to
 * the catalogue.
 */
const alone = [
	'injection.spec.ts',
	'access-matrix.spec.ts',
	'processes.spec.ts',
	'process-editor.spec.ts',
	'eid-substantial.spec.ts'
];
// Set once in the runner process; workers inherit it, so every spec sees the server's data dir.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'loket-e2e-'));
process.env.E2E_ALONE_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'loket-e2e-alone-'));
const aloneDataDir = separate ? process.env.E2E_ALONE_DATA_DIR : process.env.E2E_DATA_DIR;
// A throw-away certificate authority and seal (openssl), made once, so the servers seal the
// documents they issue as a municipality's would be, and the journeys check them with pdfsig.
const sealDir = join(process.env.E2E_DATA_DIR, 'seal');
if (!existsSync(join(sealDir, 'seal.p12'))) {
	mkdirSync(sealDir, { recursive: true });
	makeTestSeal(sealDir);
}
const seal = makeSealEnv(sealDir);
const providersFile = join(process.env.E2E_DATA_DIR, 'oidc-providers.json');
writeFileSync(providersFile, JSON.stringify(e2eProvidersFile(providerPort), null, '\t'));

function makeSealEnv(dir: string) {
	return { SEAL_P12_FILE: join(dir, 'seal.p12'), SEAL_P12_PASSWORD: TEST_SEAL_PASSWORD };
}

/** DATABASE_URL with `_alone` added to the database's name. */
function aloneDatabaseUrl(url: string): string {
	const u = new URL(url);
	u.pathname = `${u.pathname}_alone`;
	return u.toString();
}

/** The operator's way: accounts from the shell first (users.ts), then the server. */
function server(p: number, dataDir: string, databaseUrl: string, fresh: boolean) {
	return {
		command: `${fresh && databaseUrl ? `npx tsx tests/e2e/fresh-database.ts '${databaseUrl}' && ` : ''}${writeAccountsFile(join(dataDir, 'accounts.json'))} && node build`,
		cwd: '../..',
		url: `http://localhost:${p}/healthz`,
		reuseExistingServer: false,
		// The accounts made on a fresh embedded database take a while on a busy machine.
		timeout: 240_000,
		stdout: 'pipe' as const,
		env: {
			PORT: String(p),
			ORIGIN: `http://localhost:${p}`,
			BODY_SIZE_LIMIT: '20M',
			DATA_DIR: dataDir,
			DATABASE_URL: databaseUrl,
			// The account fees are paid into: the payment pages show it with the EPC QR code.
			PAYMENT_IBAN: 'BE68 5390 0754 7034',
			PAYMENT_BIC: 'GKCCBEBB',
			OIDC_PROVIDERS_FILE: providersFile,
			...seal
		}
	};
}

export default defineConfig({
	testDir: '.',
	forbidOnly: !!process.env.CI,
	retries: 0,
	// Two workers, the server and two browsers share a 2-core machine in CI; the alone specs' one
	// worker comes on top, and mostly waits for its server. A test's time limit is for a machine
	// that is that busy (a test that needs longer says so itself).
	workers: separate ? workers + 1 : workers,
	timeout: 90_000,
	grep: smoke ? /@smoke/ : undefined,
	projects: [
		{
			name: 'parallel',
			testIgnore: alone,
			workers,
			metadata: { dataDir: process.env.E2E_DATA_DIR }
		},
		{
			name: 'alone',
			testMatch: alone,
			dependencies: smoke || separate ? [] : ['parallel'],
			workers: 1,
			metadata: { dataDir: aloneDataDir },
			use: separate ? { baseURL: `http://localhost:${alonePort}` } : {}
		}
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
		// Without the service worker: on every new browser context it would fetch and cache the
		// whole app shell (about 300 files), the largest share of a short test's work. The specs
		// that are about it (offline, pwa, push) allow it with `test.use`.
		serviceWorkers: 'block',
		// A failed test keeps its trace (the DOM at each step, the network), without the screencast:
		// its frames cost an eighth of the suite's CPU, the rest of the trace next to nothing.
		trace: { mode: 'retain-on-failure', screenshots: false },
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
	webServer: [
		{
			command: `npx tsx tests/e2e/test-provider.ts ${providerPort} http://localhost:${port} http://localhost:${alonePort}`,
			cwd: '../..',
			url: `http://127.0.0.1:${providerPort}/.well-known/openid-configuration`,
			reuseExistingServer: false,
			timeout: 60_000,
			stdout: 'pipe' as const
		},
		server(port, process.env.E2E_DATA_DIR, process.env.DATABASE_URL ?? '', false),
		...(separate
			? [
					server(
						alonePort,
						process.env.E2E_ALONE_DATA_DIR,
						process.env.DATABASE_URL ? aloneDatabaseUrl(process.env.DATABASE_URL) : '',
						true
					)
				]
			: [])
	]
});
