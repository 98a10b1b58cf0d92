import { redirect } from '@sveltejs/kit';
import * as dossiers from '$lib/server/dossiers/service';
import * as drafts from '$lib/server/drafts/service';
import { readDraftToken } from '$lib/server/filing/cookies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, url, locals }) => {
	const token = readDraftToken(cookies, params.processId);
	const view = await drafts.findDraft({
		processId: params.processId,
		token,
		ownerId: locals.user?.id ?? null
	});
	const dossier = view ? await dossiers.findSubmitted(view) : null;
	if (!view || !dossier || !token) redirect(303, `/p/${params.processId}`);
	const state = view.definition.workflow.states.find((s) => s.id === dossier.status);
	return {
		title: view.definition.title,
		reference: dossier.reference,
		dueDate: dossier.dueDate,
		handlingTime: view.definition.handlingTime,
		state: state ? { label: state.citizenLabel ?? state.label, text: state.citizenText } : null,
		email: dossier.applicantEmail,
		trackingUrl: dossier.guestTokenHash ? `${url.origin}/volg/${token}` : null,
		trackingToken: dossier.guestTokenHash ? token : null
	};
};
