import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import { clearSessionCookie, writeSessionCookie } from '$lib/server/web/session-cookie';
import { setFlash } from '$lib/server/web/flash';
import { postedForm, refuse, withhold } from '$lib/server/web/forms';
import { requireAllowed, requireUser } from '$lib/server/web/guards';
import { canTakeDossiers } from '$lib/server/auth/policies';
import * as digest from '$lib/server/digest/service';
import { digestSchema } from '$lib/server/digest/form';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/password';
import { invalidateUserSessions } from '$lib/server/auth/session';
import * as selfService from '$lib/server/users/self-service';
import {
	changePasswordErrors,
	changePasswordSchema,
	claimSchema,
	closeRefusal,
	closeSchema
} from '$lib/server/users/self-service-form';
import * as oidc from '$lib/server/oidc/service';
import { getProviders } from '$lib/server/oidc/providers';
import type { Actions, PageServerLoad } from './$types';

const waitNotice = (seconds: number) => m.authRateLimited({ minutes: Math.ceil(seconds / 60) });

/** The signed-in person's own account, whatever their role. */
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		account: { name: user.name, email: user.email, verified: user.emailVerifiedAt !== null },
		claimable: await selfService.findClaimableDossiers(user),
		providers: await oidc.linkedProviders(getProviders(), user.id),
		passwordMinLength: PASSWORD_MIN_LENGTH,
		passwordForm: await superValidate(zod4(changePasswordSchema)),
		closeForm: await superValidate(zod4(closeSchema)),
		closeWith: await selfService.closingConfirmation(user),
		// Staff get a daily e-mail of what asks for them; they choose whether they want it.
		digestForm: canTakeDossiers(user)
			? await superValidate({ digest: await digest.wantsDigest(user.id) }, zod4(digestSchema))
			: null
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const user = requireUser(event);
		const form = await superValidate(await postedForm(event.request), zod4(changePasswordSchema));
		const { currentPassword: current, newPassword: next } = withhold(
			form,
			'currentPassword',
			'newPassword'
		);
		if (!form.valid) return fail(400, { form });
		const ip = event.getClientAddress();
		const result = await selfService.changeOwnPassword(user, { current, next, ip });
		if (!result.ok && result.reason === 'rate-limited') {
			const text = waitNotice(result.retryAfterSeconds);
			return message(form, { text, tone: 'error' }, { status: 429 });
		}
		if (!result.ok) return refuse(form, changePasswordErrors(result.reason));
		writeSessionCookie(event.cookies, result.token, result.session.expiresAt);
		return message(form, { text: m.accountPasswordChanged(), tone: 'info' });
	},
	close: async (event) => {
		const user = requireUser(event);
		const form = await superValidate(await postedForm(event.request), zod4(closeSchema));
		const { closePassword: password } = withhold(form, 'closePassword');
		if (!form.valid) return fail(400, { form });
		const ip = event.getClientAddress();
		const result = await selfService.closeAccount(user, {
			password,
			typedEmail: form.data.closeEmail,
			confirmed: form.data.closeConfirm,
			ip
		});
		if (!result.ok && result.reason === 'rate-limited') {
			const text = waitNotice(result.retryAfterSeconds);
			return message(form, { text, tone: 'error' }, { status: 429 });
		}
		if (!result.ok) {
			const refusal = closeRefusal(result.reason);
			if ('errors' in refusal) return refuse(form, refusal.errors);
			return message(form, { text: refusal.notice, tone: 'error' }, { status: 400 });
		}
		clearSessionCookie(event.cookies);
		redirect(303, '/mijn-account/afgesloten');
	},
	digest: async (event) => {
		const user = requireAllowed(event, canTakeDossiers);
		const form = await superValidate(await postedForm(event.request), zod4(digestSchema));
		if (!form.valid) return fail(400, { form });
		await digest.setDigest(user.id, form.data.digest);
		const text = form.data.digest ? m.accountDigestOn() : m.accountDigestOff();
		return message(form, { text, tone: 'info' });
	},
	// Every session of this person ends, this browser's too: for a lost phone or a shared computer.
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(user.id);
		clearSessionCookie(event.cookies);
		setFlash(event.cookies, 'signed-out-everywhere');
		redirect(303, '/aanmelden');
	},
	claim: async (event) => {
		const user = requireUser(event);
		const form = await superValidate(await postedForm(event.request), zod4(claimSchema));
		if (!form.valid) return fail(400, { claimed: 0 });
		const claimed = await selfService.claimGuestDossiers(user, form.data.dossier);
		return { claimed: claimed.length };
	}
};
