// The draft cookie: the guest's unguessable draft token, httpOnly, scoped to the process's form.
import type { Cookies } from '@sveltejs/kit';

const MAX_AGE = 60 * 60 * 24 * 30;

function name(processId: string): string {
	return `draft-${processId}`;
}

export function readDraftToken(cookies: Cookies, processId: string): string | undefined {
	return cookies.get(name(processId));
}

export function writeDraftToken(cookies: Cookies, processId: string, token: string): void {
	cookies.set(name(processId), token, {
		path: `/p/${processId}`,
		httpOnly: true,
		sameSite: 'lax',
		maxAge: MAX_AGE
	});
}
