import { error, fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { postedForm } from '$lib/server/web/forms';
import { m } from '$lib/i18n';
import { displayWords } from '$lib/i18n/answers';
import { findLeadTimes, summarizeAnswers } from '$lib/process/answers';
import { findFeeToPay } from '$lib/process/fees';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as filing from '$lib/server/filing/service';
import { submitSchema } from '$lib/server/intake/form';
import * as intakes from '$lib/server/intake/service';
import {
	intakePath,
	openOpenIntake,
	readIntakeToken,
	writeIntakeToken
} from '$lib/server/web/intake';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { intake } = await openOpenIntake(event);
	const opts = serverAnswerOptions(event.locals.locale);
	const start = filing.findStartStep(intake.definition, intake.answers, opts);
	if (start !== filing.CHECK_PAGE) redirect(303, intakePath(intake.draft.id, start));
	return {
		id: intake.draft.id,
		title: intake.definition.title,
		channel: intake.channel,
		applicantName: intake.applicantName,
		sections: summarizeAnswers(
			intake.definition,
			intake.answers,
			event.locals.locale,
			displayWords()
		),
		warnings: findLeadTimes(intake.definition, intake.answers, opts).filter(
			(l) => l.severity === 'warning'
		),
		fee: findFeeToPay(intake.definition.fee, intake.answers),
		submissionId: intake.draft.submissionId
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { intake } = await openOpenIntake(event);
		const form = await superValidate(await postedForm(event.request), zod4(submitSchema));
		// The idempotency key the page carried must be this intake's: a stale tab cannot file twice.
		if (form.data.submissionId !== intake.draft.submissionId) error(409, m.staleForm());
		const result = await intakes.submit(intake, {
			token: readIntakeToken(event.cookies, intake.draft.id),
			opts: serverAnswerOptions(event.locals.locale)
		});
		if (!result.ok) return fail(400, { issues: result.issues });
		if (result.token) writeIntakeToken(event.cookies, intake.draft.id, result.token);
		redirect(303, intakePath(intake.draft.id, 'ontvangen'));
	}
};
