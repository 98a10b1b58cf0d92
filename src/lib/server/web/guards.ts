// Authorization checks for loads and actions. Every load and action calls one of these itself,
// even below a guarded layout: a guard that misses a route must not fail open.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import type { Policy } from '../auth/policies';
import type { SessionUser } from '../auth/session';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** Only same-site paths may be a return address: never send someone to another site. */
export function safeReturnPath(candidate: string | null | undefined): string {
	return candidate &&
		candidate.startsWith('/') &&
		!candidate.startsWith('//') &&
		!candidate.startsWith('/\\')
		? candidate
		: '/';
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/aanmelden?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

/** The signed-in user whom the policy allows; anonymous → login, others → 403. */
export function requireAllowed(event: Event, policy: Policy): SessionUser {
	const user = requireUser(event);
	if (!policy(user)) error(403, m.errorForbidden());
	return user;
}
