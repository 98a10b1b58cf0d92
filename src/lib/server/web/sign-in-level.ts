// Filing a process that needs a sign-in (issue 18): where to send a citizen who is not signed in,
// or not at the level of assurance the process asks for. Every step of the form asks, so a session
// that ended or a level raised between two pages sends the citizen to sign in and back to the same
// page; the draft stays (it belongs to the account, or to the browser's cookie).
import {
	isAssuranceLevel,
	meetsAssurance,
	neededAssurance,
	type AssuranceLevel,
	type SignedIn
} from '$lib/process/assurance';
import type { ActingFor } from '$lib/process/identity';

/** How the request is signed in now: null for a guest. */
export function signedInNow(locals: App.Locals): SignedIn | null {
	return locals.user && locals.session
		? {
				provider: locals.session.provider,
				assurance: locals.session.assurance,
				identity: locals.session.identity
			}
		: null;
}

/** The enterprise this request is signed in for (the provider said so), or null. */
export function actingFor(locals: App.Locals): ActingFor | null {
	return (locals.user && locals.session?.identity?.enterprise) || null;
}

/** Whose dossiers a citizen sees: their own, and those of the enterprise they are signed in for. */
export function citizenScope(locals: App.Locals, user: { id: string }) {
	return { userId: user.id, enterprise: actingFor(locals)?.number ?? null };
}

/** The sign-in page asking for `level`, coming back to `next`. */
export function signInPath(next: string, level: AssuranceLevel = 'low'): string {
	const query = new URLSearchParams({ next });
	if (level !== 'low') query.set('niveau', level);
	return `/aanmelden?${query}`;
}

/**
 * Where to sign in first before filing `def` (back to `next` after), or null when the request may
 * go on as it is signed in.
 */
export function signInFirst(
	locals: App.Locals,
	def: Parameters<typeof neededAssurance>[0],
	next: string
): string | null {
	const needed = neededAssurance(def);
	if (needed === 'none' || meetsAssurance(signedInNow(locals)?.assurance ?? null, needed))
		return null;
	return signInPath(next, needed);
}

/** The level a sign-in page was asked for (`?niveau=`); `low` when none or not a level. */
export function wantedLevel(url: URL): AssuranceLevel {
	const level = url.searchParams.get('niveau');
	return isAssuranceLevel(level) ? level : 'low';
}
