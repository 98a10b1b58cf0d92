// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/process/text';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			locale: Locale;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
