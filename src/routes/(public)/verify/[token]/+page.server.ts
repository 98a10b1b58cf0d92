import * as users from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

// The link from the verification e-mail: using it confirms the address (once).
export const load: PageServerLoad = async ({ params }) => {
	const result = await users.verifyEmail(params.token);
	return { verified: result.ok };
};
