import { redirect } from '@sveltejs/kit';
import { serverAnswerOptions } from '$lib/server/filing/options';
import { findStartStep } from '$lib/server/filing/service';
import { intakePath, openIntake } from '$lib/server/web/intake';
import type { RequestHandler } from './$types';

/** An intake's address: the first page still to fill in, or its receipt once filed. */
export const GET: RequestHandler = async (event) => {
	const { intake } = await openIntake(event);
	if (intake.draft.dossierId) redirect(303, intakePath(intake.draft.id, 'ontvangen'));
	const opts = serverAnswerOptions(event.locals.locale);
	redirect(
		303,
		intakePath(intake.draft.id, findStartStep(intake.definition, intake.answers, opts))
	);
};
