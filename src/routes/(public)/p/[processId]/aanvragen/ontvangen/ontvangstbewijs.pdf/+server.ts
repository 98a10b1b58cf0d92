import { error } from '@sveltejs/kit';
import { receiptWords } from '$lib/i18n/answers';
import type { AnswerMap } from '$lib/process/answers';
import { renderReceiptPdf } from '$lib/server/dossiers/receipt-pdf';
import { findRequestReceipt } from '$lib/server/web/filing-request';
import { getSiteSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/** The PDF receipt (ontvangstbewijs), only for the holder of the draft that became the dossier. */
export const GET: RequestHandler = async (event) => {
	const { locals, url } = event;
	const receipt = await findRequestReceipt(event);
	if (!receipt) error(404, 'Not found');
	const { view, dossier, token } = receipt;
	const pdf = await renderReceiptPdf({
		municipalityName: getSiteSettings().municipalityName,
		reference: dossier.reference,
		submittedAt: dossier.submittedAt,
		dueDate: dossier.dueDate,
		definition: view.definition,
		answers: dossier.answers as AnswerMap,
		status: dossier.status,
		locale: locals.locale,
		words: receiptWords(),
		trackingUrl: dossier.guestTokenHash ? `${url.origin}/volg/${token}` : undefined
	});
	return new Response(Buffer.from(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="ontvangstbewijs-${dossier.reference}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
