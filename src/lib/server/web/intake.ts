// Intake over HTTP (issue 20, item 3): the staff member's intake found from the URL and checked on
// every load and action (policy, their own intake, a process of their departments), the tracking
// token kept in an httpOnly cookie of that one intake (so the paper receipt can carry the link),
// and the start form's words. The rules are in server/intake/service.ts.
import { error, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { canFileForCitizens } from '../auth/policies';
import type { SessionUser } from '../auth/session';
import * as intakes from '../intake/service';
import { requireAllowed } from './guards';

const MAX_AGE = 60 * 60 * 24 * 30;

export function intakePath(id: string, step = ''): string {
	return `/backoffice/intake/${id}${step ? `/${step}` : ''}`;
}

export function readIntakeToken(cookies: Cookies, id: string): string | undefined {
	return cookies.get(`intake-${id}`);
}

export function writeIntakeToken(cookies: Cookies, id: string, token: string): void {
	cookies.set(`intake-${id}`, token, {
		path: intakePath(id),
		httpOnly: true,
		sameSite: 'lax',
		maxAge: MAX_AGE
	});
}

type Event = Pick<RequestEvent, 'locals' | 'url' | 'cookies'> & { params: { id: string } };

/** The signed-in staff member's intake of the URL; 404 when it is not theirs or not allowed. */
export async function openIntake(
	event: Event
): Promise<{ user: SessionUser; intake: intakes.Intake }> {
	const user = requireAllowed(event, canFileForCitizens);
	const intake = await intakes.find(event.params.id, user);
	if (!intake) error(404, m.intakeNotFound());
	return { user, intake };
}

/** An intake still being filled in; once filed, its pages lead to the receipt. */
export async function openOpenIntake(event: Event) {
	const opened = await openIntake(event);
	if (opened.intake.draft.dossierId) redirect(303, intakePath(opened.intake.draft.id, 'ontvangen'));
	return opened;
}

/** The start form's message for each issue. */
export function startErrors(issues: intakes.StartIssues): Record<string, string> {
	const errors: Record<string, string> = {};
	if (issues.processId)
		errors.processId =
			issues.processId === 'forbidden' ? m.intakeProcessForbidden() : m.intakeProcessRequired();
	if (issues.channel) errors.channel = m.intakeChannelRequired();
	if (issues.name)
		errors.name =
			issues.name === 'too-long'
				? m.intakeNameTooLong({ max: intakes.NAME_MAX })
				: m.intakeNameRequired();
	if (issues.email) errors.email = m.intakeEmailInvalid();
	return errors;
}
