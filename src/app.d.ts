// See https://svelte.dev/docs/kit/types#app.d.ts
/// <reference types="vite-plugin-pwa/client" />
import type { Locale } from '$lib/process/text';
import type { SessionUser } from '$lib/server/auth/repository';
import type { Session } from '$lib/server/auth/session';
import type { FormNotice } from '$lib/views/forms';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
			/** 403 to one who filed a dossier for this enterprise, not signed in for it now. */
			enterprise?: string;
		}
		interface Locals {
			locale: Locale;
			user: SessionUser | null;
			session: Session | null;
			/** Set by handleError when the database could not be reached: the answer becomes a 503. */
			databaseUnavailable?: boolean;
		}
		namespace Superforms {
			/** The `message` of every back-office form (superforms). */
			type Message = FormNotice;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
