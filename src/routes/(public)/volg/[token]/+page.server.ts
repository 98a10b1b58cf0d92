import { error } from '@sveltejs/kit';
import * as dossiers from '$lib/server/dossiers/service';
import type { PageServerLoad } from './$types';

/** A guest's private tracking link: anyone with the link sees the state, never the answers. */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	const tracking = await dossiers.findByTrackingToken(params.token);
	if (!tracking) error(404, 'Not found');
	setHeaders({ 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' });
	const { dossier, definition, events } = tracking;
	const state = definition.workflow.states.find((s) => s.id === dossier.status);
	const labelOf = (id: string | null) => {
		const s = definition.workflow.states.find((x) => x.id === id);
		return s ? (s.citizenLabel ?? s.label) : null;
	};
	return {
		title: definition.title,
		reference: dossier.reference,
		submittedAt: dossier.submittedAt,
		dueDate: dossier.dueDate,
		state: state
			? { label: state.citizenLabel ?? state.label, text: state.citizenText, kind: state.kind }
			: null,
		events: events.map((e) => ({ type: e.type, label: labelOf(e.toStatus), at: e.at }))
	};
};
