// Enhanced submits of the editor's small forms: keep what was typed, and give focus back to the
// button that was pressed (found again by its id after the list re-renders), so moving a field
// up three times is three presses of the same key. A refusal or conflict is focused instead.
import type { SubmitFunction } from '@sveltejs/kit';
import { tick } from 'svelte';

export const keepFocus: SubmitFunction = ({ submitter }) => {
	const id = submitter?.id;
	return async ({ update }) => {
		await update({ reset: false });
		await tick();
		// A refusal or a conflict takes focus (it is shown beside the form, or at the top).
		const alert = document.querySelector<HTMLElement>('[data-editor-notice][role="alert"]');
		const target = id ? document.getElementById(id) : null;
		if (alert) alert.focus();
		else if (target) target.focus();
		else document.querySelector<HTMLElement>('[data-editor-notice]')?.focus();
	};
};
