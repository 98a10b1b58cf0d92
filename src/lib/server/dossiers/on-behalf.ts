// A dossier filed for an enterprise (migration on_behalf): the enterprise as the identity provider
// named it, and who acted for it. One shape for the staff page and the API.
import { formatEnterpriseNumber } from '$lib/process/validators/enterprise-number';
import type { Dossier } from '../db/schema';

export type OnBehalfOf = {
	/** 10 digits. */
	kbo: string;
	/** As written: 0123.456.749. */
	kboFormatted: string;
	name: string;
	by: string;
	role: string | null;
};

export function onBehalfOf(
	dossier: Pick<Dossier, 'onBehalfKbo' | 'onBehalfName' | 'onBehalfBy' | 'onBehalfRole'>
): OnBehalfOf | null {
	if (!dossier.onBehalfKbo || !dossier.onBehalfName) return null;
	return {
		kbo: dossier.onBehalfKbo,
		kboFormatted: formatEnterpriseNumber(dossier.onBehalfKbo),
		name: dossier.onBehalfName,
		by: dossier.onBehalfBy ?? '',
		role: dossier.onBehalfRole
	};
}
