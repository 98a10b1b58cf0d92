// Element ids for posted names: `adres.postcode` → `f-adres-postcode`, used by labels, error
// messages and the error summary's links alike.
export function inputId(name: string): string {
	return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
