import { error } from '@sveltejs/kit';
import { findProvider } from '$lib/server/oidc/providers';
import { receiveBackchannelLogout } from '$lib/server/web/oidc';
import type { RequestHandler } from './$types';

/**
 * Back-channel logout: the provider's server posts a logout token when someone signs out there,
 * and the sessions it names end here too. Not a browser's address (the cross-site form check
 * lets it through: web/cross-site.ts); registered with the provider (README).
 */
export const POST: RequestHandler = async (event) => {
	const provider = findProvider(event.params.provider);
	if (!provider) error(404, 'Not found');
	return receiveBackchannelLogout(event, provider);
};
