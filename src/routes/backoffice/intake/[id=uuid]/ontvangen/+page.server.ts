import { redirect } from '@sveltejs/kit';
import * as intakes from '$lib/server/intake/service';
import * as payments from '$lib/server/payments/service';
import { intakePath, openIntake, readIntakeToken } from '$lib/server/web/intake';
import type { PageServerLoad } from './$types';

/** The intake's receipt: the reference, where the mail went, the tracking link and the PDF. */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const { intake } = await openIntake(event);
	const dossier = await intakes.findFiled(intake);
	if (!dossier) redirect(303, intakePath(intake.draft.id));
	const token = readIntakeToken(event.cookies, intake.draft.id);
	const held = intakes.holdsTrackingToken(dossier, token);
	return {
		id: intake.draft.id,
		dossierId: dossier.id,
		title: intake.definition.title,
		reference: dossier.reference,
		applicantName: dossier.applicantName,
		email: dossier.applicantEmail,
		channel: intake.channel,
		trackingUrl: held ? `${event.url.origin}/volg/${token}` : null,
		// A fee due at filing: the details to hand the citizen at the desk.
		payment: await payments.findPaymentView(dossier.id)
	};
};
