import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import * as mailbox from '$lib/server/mail/mailbox';
import type { PageServerLoad } from './$types';

/** Admins only: one kept mail, its headers and text part (never its HTML). */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const mail = await mailbox.readMail(event.params.file);
	if (!mail) error(404, m.mailAdminNotFound());
	return { mail };
};
