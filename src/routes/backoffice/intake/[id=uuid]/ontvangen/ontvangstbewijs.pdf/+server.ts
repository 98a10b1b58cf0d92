import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { receiptWords } from '$lib/i18n/answers';
import type { AnswerMap } from '$lib/process/answers';
import { renderReceiptPdf } from '$lib/server/dossiers/receipt-pdf';
import * as intakes from '$lib/server/intake/service';
import { getSiteSettings } from '$lib/server/settings';
import { openIntake, readIntakeToken } from '$lib/server/web/intake';
import type { RequestHandler } from './$types';

/** The PDF receipt to print or send the citizen: the same as a citizen's, with the tracking link. */
export const GET: RequestHandler = async (event) => {
	const { intake } = await openIntake(event);
	const dossier = await intakes.findFiled(intake);
	if (!dossier) error(404, m.intakeNotFound());
	const token = readIntakeToken(event.cookies, intake.draft.id);
	const language = dossier.language;
	const pdf = await renderReceiptPdf({
		municipalityName: getSiteSettings().municipalityName,
		reference: dossier.reference,
		submittedAt: dossier.submittedAt,
		dueDate: dossier.dueDate,
		definition: intake.definition,
		answers: dossier.answers as AnswerMap,
		status: dossier.status,
		locale: language,
		words: receiptWords(language),
		trackingUrl: intakes.holdsTrackingToken(dossier, token)
			? `${event.url.origin}/volg/${token}`
			: undefined
	});
	return new Response(Buffer.from(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="ontvangstbewijs-${dossier.reference}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
