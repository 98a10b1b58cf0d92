import { requireAllowed } from '$lib/server/web/guards';
import { canAdminister } from '$lib/server/auth/policies';
import * as mailbox from '$lib/server/mail/mailbox';
import type { PageServerLoad } from './$types';

/** Admins only: the newest mails kept as files, and the outbox rows that failed or wait to retry. */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canAdminister);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const [mails, trouble] = await Promise.all([mailbox.listMails(), mailbox.listOutboxTrouble()]);
	return {
		transport: mailbox.mailTransportKind(),
		maxAttempts: mailbox.MAX_ATTEMPTS,
		mails,
		trouble
	};
};
