import { requireAllowed } from '$lib/server/web/guards';
import {
	canAdminister,
	canConfigureProcesses,
	canEnterBackoffice,
	canFileForCitizens,
	canHandleDossiers,
	canImportPayments,
	canManageReplyTemplates
} from '$lib/server/auth/policies';
import type { LayoutServerLoad } from './$types';

// The back-office's pages refuse here, inside the site's layout, so someone without a staff role
// gets the site's own error page (header, landmarks, a way onward) instead of a bare 403. Every
// page load and action below still checks its own roles. What passes gets the staff header's
// links: only those its roles may follow.
export const load: LayoutServerLoad = (event) => {
	const user = requireAllowed(event, canEnterBackoffice);
	return {
		staffNav: {
			handle: canHandleDossiers(user),
			intake: canFileForCitizens(user),
			configure: canConfigureProcesses(user),
			replies: canManageReplyTemplates(user),
			administer: canAdminister(user),
			payments: canImportPayments(user)
		}
	};
};
