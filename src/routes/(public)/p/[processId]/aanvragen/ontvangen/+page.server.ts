import { redirect } from '@sveltejs/kit';
import * as payments from '$lib/server/payments/service';
import { findRequestReceipt } from '$lib/server/web/filing-request';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { params, url } = event;
	const receipt = await findRequestReceipt(event);
	if (!receipt) redirect(303, `/p/${params.processId}`);
	const { view, dossier, token } = receipt;
	const state = view.definition.workflow.states.find((s) => s.id === dossier.status);
	return {
		title: view.definition.title,
		requestKind: view.definition.requestKind,
		reference: dossier.reference,
		dueDate: dossier.dueDate,
		handlingTime: view.definition.handlingTime,
		state: state ? { label: state.citizenLabel ?? state.label, text: state.citizenText } : null,
		email: dossier.applicantEmail,
		trackingUrl: dossier.guestTokenHash ? `${url.origin}/volg/${token}` : null,
		trackingToken: dossier.guestTokenHash ? token : null,
		payment: await payments.findPaymentView(dossier.id)
	};
};
