// The intake's start form as superforms reads it: which process, how it came in, whom it is for
// and in which language the citizen gets the receipt. The rules (required, lengths, a valid
// address, a process of the staff member's departments) are the intake service's; this only
// bounds what a post may hold, with the same messages.
import { z } from 'zod';
import { locales, m } from '$lib/i18n';
import { NAME_MAX } from './service';

export const startSchema = z.object({
	processId: z.string().max(100, { error: () => m.intakeProcessRequired() }),
	channel: z
		.string()
		.max(20, { error: () => m.intakeChannelRequired() })
		.default('desk'),
	name: z.string().max(NAME_MAX * 4, { error: () => m.intakeNameTooLong({ max: NAME_MAX }) }),
	email: z.string().max(254, { error: () => m.intakeEmailInvalid() }),
	/** The citizen's language: their receipt, mails and tracking page in it. */
	language: z.enum(locales).catch('nl').default('nl')
});

export type StartForm = z.infer<typeof startSchema>;

/** An open intake to drop: its id (whether it is one of this staff member's, the service says). */
export const discardSchema = z.object({ id: z.string().max(100) });

/** Filing the intake: the idempotency key its check page carried. */
export const submitSchema = z.object({ submissionId: z.string().max(100) });
