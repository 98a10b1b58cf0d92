import { requireAllowed } from '$lib/server/web/guards';
import { canEnterBackoffice } from '$lib/server/auth/policies';
import type { LayoutServerLoad } from './$types';

// The back-office's pages refuse here, inside the site's layout, so someone without a staff role
// gets the site's own error page (header, landmarks, a way onward) instead of a bare 403. Every
// page load and action below still checks its own roles.
export const load: LayoutServerLoad = (event) => {
	requireAllowed(event, canEnterBackoffice);
};
