import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import { clearSessionCookie, writeSessionCookie } from '$lib/server/web/session-cookie';
import { setFlash } from '$lib/server/web/flash';
import { accountRefusalError, parseForm, type FieldErrors } from '$lib/server/auth/form';
import { requireAllowed, requireUser } from '$lib/server/web/guards';
import { canTakeDossiers } from '$lib/server/auth/policies';
import * as digest from '$lib/server/digest/service';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { invalidateUserSessions } from '$lib/server/auth/session';
import * as selfService from '$lib/server/users/self-service';
import type { Actions, PageServerLoad } from './$types';

// Built per request: the messages follow the locale of the request.
const changeSchema = () =>
	z.object({
		currentPassword: z.string().min(1, m.authPasswordRequired()),
		newPassword: z.string().min(1, m.authPasswordRequired())
	});
const closeSchema = () =>
	z.object({
		closePassword: z.string().min(1, m.authPasswordRequired()),
		closeConfirm: z.literal('yes', { error: m.accountCloseConfirmRequired() })
	});

type Outcome = {
	action: 'changePassword' | 'close' | 'claim';
	errors: FieldErrors;
	notice: string | null;
	changed: boolean;
	claimed: number;
};
const outcome = (action: Outcome['action'], more: Partial<Outcome> = {}): Outcome => ({
	action,
	errors: {},
	notice: null,
	changed: false,
	claimed: 0,
	...more
});
const waitNotice = (seconds: number) => m.authRateLimited({ minutes: Math.ceil(seconds / 60) });

/** The signed-in person's own account, whatever their role. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		account: { name: user.name, email: user.email, verified: user.emailVerifiedAt !== null },
		claimable: await selfService.findClaimableDossiers(user),
		passwordMinLength: PASSWORD_MIN_LENGTH,
		// Staff get a daily e-mail of what asks for them; they choose whether they want it.
		digest: canTakeDossiers(user) ? await digest.wantsDigest(user.id) : null
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(changeSchema(), await event.request.formData());
		if (!parsed.ok) return fail(400, outcome('changePassword', { errors: parsed.errors }));
		const { currentPassword: current, newPassword: next } = parsed.data;
		const ip = event.getClientAddress();
		const result = await selfService.changeOwnPassword(user, { current, next, ip });
		if (!result.ok) {
			if (result.reason === 'rate-limited')
				return fail(
					429,
					outcome('changePassword', { notice: waitNotice(result.retryAfterSeconds) })
				);
			const errors: FieldErrors =
				result.reason === 'invalid'
					? { currentPassword: m.accountCurrentPasswordWrong() }
					: { newPassword: accountRefusalError(result.reason).password };
			return fail(400, outcome('changePassword', { errors }));
		}
		writeSessionCookie(event.cookies, result.token, result.session.expiresAt);
		return outcome('changePassword', { changed: true });
	},
	close: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(closeSchema(), await event.request.formData());
		if (!parsed.ok) return fail(400, outcome('close', { errors: parsed.errors }));
		const result = await selfService.closeAccount(user, {
			password: parsed.data.closePassword,
			confirmed: parsed.data.closeConfirm === 'yes',
			ip: event.getClientAddress()
		});
		if (!result.ok && result.reason === 'rate-limited')
			return fail(429, outcome('close', { notice: waitNotice(result.retryAfterSeconds) }));
		if (!result.ok) {
			const refusals = {
				'last-admin': { notice: m.accountCloseLastAdmin() },
				'not-confirmed': { errors: { closeConfirm: m.accountCloseConfirmRequired() } },
				'invalid-password': { errors: { closePassword: m.accountCurrentPasswordWrong() } }
			};
			return fail(400, outcome('close', refusals[result.reason]));
		}
		clearSessionCookie(event.cookies);
		redirect(303, '/mijn-account/afgesloten');
	},
	// Every session of this person ends, this browser's too: for a lost phone or a shared computer.
	digest: async (event) => {
		const user = requireAllowed(event, canTakeDossiers);
		const form = await event.request.formData();
		const on = form.get('digest') === 'on';
		await digest.setDigest(user.id, on);
		return { digestSaved: on ? m.accountDigestOn() : m.accountDigestOff() };
	},
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(user.id);
		clearSessionCookie(event.cookies);
		setFlash(event.cookies, 'signed-out-everywhere');
		redirect(303, '/aanmelden');
	},
	claim: async (event) => {
		const user = requireUser(event);
		const ids = (await event.request.formData()).getAll('dossier').map(String);
		const claimed = await selfService.claimGuestDossiers(user, ids);
		return outcome('claim', { claimed: claimed.length });
	}
};
