import * as users from '$lib/server/users/service';
import * as selfService from '$lib/server/users/self-service';
import type { PageServerLoad } from './$types';

// The link from the verification e-mail: using it confirms the address (once), after which the
// requests filed with that address without an account can be added to it on /account.
export const load: PageServerLoad = async ({ params }) => {
	const result = await users.verifyEmail(params.token);
	const claimable = result.ok
		? (await selfService.findClaimableDossiers({ id: result.userId })).length
		: 0;
	return { verified: result.ok, claimable };
};
