// Keeps an online form page on the device as the citizen types, so that a closed tab, a reload
// without a connection or a flat battery loses nothing: the server's draft is mirrored into
// IndexedDB with each page, and what is typed on the open page is kept as it is typed. Opening
// the page again puts back what was typed and not yet sent. Answers given offline are sent to
// the server first. When the connection is gone at "continue", the form goes on on the device.
import { untrack } from 'svelte';
import { goto } from '$app/navigation';
import { answerOptions } from '$lib/i18n/answers';
import { restoreTyped, type AnswerMap } from '$lib/process/answers';
import type { FormOf } from '$lib/device/drafts';
import type { DeviceForm } from '$lib/device/store';

type Page = {
	form: DeviceForm;
	answers: AnswerMap;
	step: string;
	/** A page as loaded, not one the server sent back with errors. */
	fresh: boolean;
	/** What the page shows for the saved answers (what was typed is put back over it). */
	shown: Record<string, unknown>;
};

export class DeviceDraftKeeper {
	/** What was typed on this page before, put back in the form; null when nothing was. */
	restored = $state<Record<string, unknown> | null>(null);
	#page: Page | null = null;
	/** True once this page's device copy has been read and anything kept put back. */
	ready = $state(false);
	/** What was typed, and on which page: the page's effect and this keeper's may run in either order. */
	#typed: { step: string; values: Record<string, unknown> } | null = null;

	constructor(read: () => Page) {
		$effect(() => {
			const page = read();
			untrack(() => void this.#mirror(page));
		});
	}

	async #mirror(page: Page) {
		if (this.#page?.step !== page.step) this.restored = null;
		// Typing on another page is dropped; typing on this one is kept, even when the page told it
		// before this keeper first ran (typed before the page's script ran, on a slow phone).
		if (this.#typed?.step !== page.step) this.#typed = null;
		this.#page = page;
		this.ready = false;
		if (typeof indexedDB === 'undefined') return;
		const { formOf, mirrorServerDraft, syncToServer } = await import('$lib/device/drafts');
		const { unsynced, typed } = await mirrorServerDraft(page).catch(() => ({
			unsynced: null,
			typed: null
		}));
		if (unsynced) {
			const next = await syncToServer(unsynced);
			// eslint-disable-next-line svelte/no-navigation-without-resolve -- a path the server gave
			if (next) await goto(next, { invalidateAll: true });
			return;
		}
		// Put back only what the server does not have: typing that reads to the saved answers
		// (sent since, or typed another way than the server writes it) is not shown over them.
		if (typed && page.fresh) this.restored = this.#restore(page, typed, formOf(page.form));
		this.ready = true;
		// What was typed while the device's copy was read (or before the page's script ran, on a
		// slow phone) is kept now, not only at the next keystroke. (When something was put back,
		// the form starts again from it and keeps that.)
		if (this.#typed && !this.restored) void this.#save();
	}

	#restore(page: Page, typed: Record<string, unknown>, form: FormOf) {
		const pageIndex = form.pages.findIndex((p) => p.id === page.step);
		if (pageIndex < 0) return null;
		// The language only words the issues, which are compared, never shown.
		const opts = answerOptions('nl');
		return restoreTyped(form, pageIndex, typed, page.shown, page.answers, opts);
	}

	#keeper: ReturnType<typeof import('$lib/device/drafts').typingKeeper> | null = null;

	#save = async () => {
		const page = this.#page;
		const typed = this.#typed;
		if (!page || typed?.step !== page.step) return;
		const { typingKeeper } = await import('$lib/device/drafts');
		this.#keeper ??= typingKeeper();
		await this.#keeper(page.form.id, page.step, typed.values);
	};

	keep = (values: Record<string, unknown>, step: string) => {
		this.#typed = { step, values };
		if (this.ready) void this.#save();
	};

	continueOffline = async (values: Record<string, unknown>) => {
		const page = this.#page;
		if (!page) return;
		this.#typed = { step: page.step, values };
		await this.#save();
		const query = `p=${encodeURIComponent(page.form.id)}&stap=${encodeURIComponent(page.step)}`;
		location.assign(`/concepten/formulier?${query}`);
	};
}
