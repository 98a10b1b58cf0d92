import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/i18n';
import {
	liftHoldSchema,
	placeHoldSchema,
	type LiftHold,
	type PlaceHold
} from '$lib/server/retention/form';
import * as holds from '$lib/server/retention/holds';
import { findStaffDossier } from '$lib/server/web/staff-dossier-page';
import { postedForm, refuse } from '$lib/server/web/forms';
import type { FormNotice } from '$lib/views/forms';
import type { Actions, PageServerLoad } from './$types';

/** Staff who handle the dossier (its department) put it on legal hold, with a reason, or lift it. */
export const load: PageServerLoad = async (event) => {
	const { dossier } = await findStaffDossier(event);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return {
		dossier: { id: dossier.id, reference: dossier.reference },
		status: await holds.getHoldStatus(dossier.id),
		place: await superValidate<PlaceHold, FormNotice>(zod4(placeHoldSchema), { id: 'place' }),
		lift: await superValidate<LiftHold, FormNotice>(zod4(liftHoldSchema), { id: 'lift' })
	};
};

const refusal = (reason: 'already' | 'not-held' | 'destroyed') =>
	reason === 'already'
		? m.legalHoldAlready()
		: reason === 'not-held'
			? m.legalHoldNotHeld()
			: m.legalHoldDestroyed();

export const actions: Actions = {
	place: async (event) => {
		const { user, dossier } = await findStaffDossier(event);
		const form = await superValidate(await postedForm(event.request), zod4(placeHoldSchema), {
			id: 'place'
		});
		if (!form.valid) return fail(400, { form });
		const result = await holds.placeHold(dossier.id, user, form.data.reason);
		if (!result.ok) return refuse(form, { reason: refusal(result.reason) }, 409);
		return message(form, { text: m.legalHoldPlaced(), tone: 'info' });
	},
	lift: async (event) => {
		const { user, dossier } = await findStaffDossier(event);
		const form = await superValidate(await postedForm(event.request), zod4(liftHoldSchema), {
			id: 'lift'
		});
		const result = await holds.liftHold(dossier.id, user);
		if (!result.ok)
			return message(form, { text: refusal(result.reason), tone: 'error' }, { status: 409 });
		return message(form, { text: m.legalHoldLifted(), tone: 'info' });
	}
};
