import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireRole } from '$lib/server/web/guards';
import * as mailbox from '$lib/server/mail/mailbox';
import type { PageServerLoad } from './$types';

/** Admins only: one kept mail, its headers and text part (never its HTML). */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const mail = await mailbox.readMail(event.params.file);
	if (!mail) error(404, m.mailAdminNotFound());
	return { mail };
};
