// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/client" />
import type { Locale } from '$lib/process/text';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Session } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			locale: Locale;
			user: SessionUser | null;
			session: Session | null;
			/** Set by handleError when the database could not be reached: the answer becomes a 503. */
			databaseUnavailable?: boolean;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
