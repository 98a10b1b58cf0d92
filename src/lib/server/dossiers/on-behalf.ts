// A dossier filed for an enterprise (migration on_behalf): the enterprise as the identity provider
// named it, and who acted for it. One shape for the staff page, the citizen's page and the API.
// A destroyed dossier keeps the enterprise but names no one (migration destroy_on_behalf).
import { formatEnterpriseNumber } from '$lib/process/validators/enterprise-number';
import type { OnBehalfView } from '$lib/views/dossier';
import type { Dossier } from '../db/schema';

export type OnBehalfOf = OnBehalfView;

export function onBehalfOf(
	dossier: Pick<Dossier, 'onBehalfKbo' | 'onBehalfName' | 'onBehalfBy' | 'onBehalfRole'>
): OnBehalfOf | null {
	if (!dossier.onBehalfKbo || !dossier.onBehalfName) return null;
	return {
		kbo: dossier.onBehalfKbo,
		kboFormatted: formatEnterpriseNumber(dossier.onBehalfKbo),
		name: dossier.onBehalfName,
		by: dossier.onBehalfBy,
		role: dossier.onBehalfBy ? dossier.onBehalfRole : null
	};
}
