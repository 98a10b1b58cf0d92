// A page the server rendered can be used before its JavaScript has run (a slow phone): what was
// chosen then must survive the page coming to life. Svelte keeps typed text by itself, but puts
// back the server's option in a <select> and the server's radio button (issue 24, item 2). These
// read what was changed from the page as it stands, before the components take it over.

/**
 * The server-rendered form matching `selector` that has not come to life yet, in the browser. A
 * form its component has taken over carries `data-live` (set once mounted), so it is not read again.
 */
export function findServerForm(selector: string): HTMLFormElement | null {
	if (typeof document === 'undefined') return null;
	return document.querySelector<HTMLFormElement>(`${selector}:not([data-live])`);
}

function isChanged(control: Element): boolean {
	if (control instanceof HTMLInputElement) {
		if (control.type === 'file') return false;
		return control.type === 'checkbox' || control.type === 'radio'
			? control.checked !== control.defaultChecked
			: control.value !== control.defaultValue;
	}
	if (control instanceof HTMLSelectElement)
		return [...control.options].some((option) => option.selected !== option.defaultSelected);
	return control instanceof HTMLTextAreaElement && control.value !== control.defaultValue;
}

/**
 * The names of a form's controls changed since the server rendered them, each with what the form
 * would post for it now (no value for a box unticked). Chosen files are left out.
 */
export function readChangedControls(form: HTMLFormElement): Map<string, string[]> {
	const names = new Set<string>();
	for (const control of form.elements)
		if ('name' in control && typeof control.name === 'string' && control.name && isChanged(control))
			names.add(control.name);
	const posted = new FormData(form);
	return new Map(
		[...names].map((name) => [
			name,
			posted.getAll(name).filter((v): v is string => typeof v === 'string')
		])
	);
}
