// Enhanced submits of the editor's small forms: keep what was typed, and give focus back to the
// button that was pressed (found again by its id after the list re-renders), so moving a field
// up three times is three presses of the same key.
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export const keepFocus: SubmitFunction = ({ submitter }) => {
	const id = submitter?.id;
	return async ({ update }) => {
		await update({ reset: false });
		await tick();
		const target = id ? document.getElementById(id) : null;
		if (target) target.focus();
		else document.querySelector<HTMLElement>('[data-editor-notice]')?.focus();
	};
};
