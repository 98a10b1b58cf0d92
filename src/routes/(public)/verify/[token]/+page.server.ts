import { fail } from '@sveltejs/kit';
import * as users from '$lib/server/users/service';
import * as selfService from '$lib/server/users/self-service';
import type { Actions, PageServerLoad } from './$types';

// The link from the verification e-mail. Opening it changes nothing (mail scanners and link
// previews open links too); the button confirms the address, once. After that, the requests filed
// with that address without an account can be added to it on /account.
export const load: PageServerLoad = async ({ params }) => ({
	usable: await users.canVerifyEmail(params.token)
});

export const actions: Actions = {
	default: async ({ params }) => {
		const result = await users.verifyEmail(params.token);
		if (!result.ok) return fail(400, { verified: false, claimable: 0 });
		const claimable = (await selfService.findClaimableDossiers({ id: result.userId })).length;
		return { verified: true, claimable };
	}
};
