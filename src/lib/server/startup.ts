// Start-up of a Loket server: read the configuration, open the database, run the migrations and
// import the process library and make the Web Push keys, once, before the first request; then start
// the outbox worker (mail, push, webhooks, and the hourly clean-up). Anything that goes wrong here is reported in one clear line and stops
// the process: a half-started server helps nobody. Only the running server calls start() (never the
// build or the tests), so only a server sends mail.
import { getConfig } from './config';
import { ConfigError, redactUrl } from './config-schema';
import { closeDatabase, listenDatabase, useDatabase } from './db';
import { DatabaseUnavailableError } from './db/connect';
import { DatabaseLockedError } from './db/lock';
import { registerMailHandlers } from './mail/service';
import { ensureVapidKeys, vapidSubject } from './push/keys';
import { registerPushHandler } from './push/notifier';
import { mailDir } from './mail/transport';
import { queueDueDigests } from './digest/service';
import { MAINTENANCE_EVERY_MS, runMaintenance } from './maintenance/service';
import { startOutboxWorker, stopOutboxWorker } from './outbox/worker';
import { runRetention } from './retention/service';
import { installPostcodeList } from './places/postcodes';
import { registerWebhookHandler } from './webhooks/delivery';
import { loadLibrary } from './processes/library';
import { ProviderConfigError } from './oidc/config';
import { openFileStorage } from './files';
import { FileStorageError } from './files/storage';
import { getProviders } from './oidc/providers';
import { leftWithoutSignIn } from './auth/password-login';
import * as processes from './processes/service';
import { watchCatalogue } from './processes/catalogue-cache';
import { LibraryError } from './processes/service';

const expected = [
	ConfigError,
	DatabaseUnavailableError,
	DatabaseLockedError,
	LibraryError,
	ProviderConfigError,
	FileStorageError
];

let stopWatching: (() => Promise<void>) | undefined;

export async function start(): Promise<void> {
	try {
		const config = getConfig();
		// A bad identity providers' file stops the start, not the first sign-in.
		const providers = getProviders();
		const library = loadLibrary();
		if (!library.ok) throw new LibraryError(library.errors);
		const { db, kind, migrated: migrations } = await useDatabase(config.database);
		if (config.database.kind === 'postgres' && !config.database.ownerUrl)
			console.warn(
				'DATABASE_OWNER_URL is not set: the server connects as the owner of the tables and works as ' +
					'the role loket_app, so its queries cannot alter or rewrite the record, but SQL that ran ' +
					'RESET ROLE would have the owner’s rights. For a record no query of the server can change, ' +
					'set DATABASE_OWNER_URL to the owner and DATABASE_URL to a login role that is a member of ' +
					'loket_app (README, "Running against PostgreSQL").'
			);
		// A bucket that cannot be used stops the start, not the first upload.
		console.log(await openFileStorage());
		const { imported } = await processes.importLibrary(library.definitions, db);
		stopWatching = watchCatalogue(db, listenDatabase);
		const postcodes = installPostcodeList(config.postcodesFile);
		console.log(
			`Loket ready on ${kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}: ` +
				`${migrations.length} migration(s) run, ${imported.length} process version(s) imported, ` +
				`${library.definitions.length} in the library; ` +
				(postcodes > 0
					? `${postcodes} postcodes from ${config.postcodesFile}`
					: `no postcode list at ${config.postcodesFile} (addresses are not checked against it)`)
		);
		// Made here, before the first page asks for the public key; safe when instances race.
		await ensureVapidKeys(db, vapidSubject(config));
		registerMailHandlers();
		registerPushHandler();
		registerWebhookHandler();
		startOutboxWorker([
			{ name: 'clean-up', every: MAINTENANCE_EVERY_MS, run: (db, now) => runMaintenance(db, now) },
			// Looked at hourly; the run row makes it once a day across instances.
			{ name: 'retention', every: MAINTENANCE_EVERY_MS, run: (db, now) => runRetention(db, now) },
			// Every quarter of an hour: from 07:00 each member of staff's daily e-mail goes out once.
			{ name: 'staff-digest', every: 15 * 60 * 1000, run: (db, now) => queueDueDigests(db, now) }
		]);
		if (providers.length > 0) console.log(`Sign-in with ${providers.map((p) => p.id).join(', ')}`);
		const stranded = leftWithoutSignIn(
			config.passwordLogin,
			providers.map((p) => p.audience)
		);
		for (const who of stranded)
			console.warn(
				`PASSWORD_LOGIN switches passwords off for ${who}, and OIDC_PROVIDERS_FILE names no provider ` +
					`for ${who}: they cannot sign in at all (README, "Switching passwords off").`
			);
		console.log(
			config.mail.smtpUrl
				? `Mail goes through ${redactUrl(config.mail.smtpUrl)}`
				: `Mail is not sent: without SMTP_URL every mail is written to ${mailDir(config.dataDir)}`
		);
	} catch (e) {
		if (expected.some((kind) => e instanceof kind))
			console.error(`Loket cannot start: ${(e as Error).message}`);
		else console.error('Loket cannot start:', e);
		await closeDatabase().catch(() => {});
		process.exit(1);
	}
}

/**
 * adapter-node emits this on SIGTERM/SIGINT after the last request: let the outbox worker finish
 * its batch, then close the database cleanly.
 */
export function stopOnShutdown(): void {
	process.once('sveltekit:shutdown' as 'exit', () => {
		void stopOutboxWorker()
			.then(() => stopWatching?.())
			.finally(() => closeDatabase());
	});
}
