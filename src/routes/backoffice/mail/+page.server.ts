import { requireRole } from '$lib/server/web/guards';
import * as mailbox from '$lib/server/mail/mailbox';
import type { PageServerLoad } from './$types';

/** Admins only: the newest mails kept as files, and the outbox rows that failed or wait to retry. */
export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [mails, trouble] = await Promise.all([mailbox.listMails(), mailbox.listOutboxTrouble()]);
	return {
		transport: mailbox.mailTransportKind(),
		maxAttempts: mailbox.MAX_ATTEMPTS,
		mails,
		trouble
	};
};
