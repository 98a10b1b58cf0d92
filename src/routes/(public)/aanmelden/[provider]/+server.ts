import { error, redirect } from '@sveltejs/kit';
import { findProvider } from '$lib/server/oidc/providers';
import { startSignIn } from '$lib/server/web/oidc';
import type { RequestHandler } from './$types';

/**
 * The "sign in with eID or itsme" button (a post, so preloading a link never starts a sign-in):
 * to the provider, or, when it cannot be reached, to the page that says so.
 */
export const POST: RequestHandler = async (event) => {
	const provider = findProvider(event.params.provider);
	if (!provider) error(404, 'Not found');
	const begun = await startSignIn(event, provider);
	if (!begun.ok) redirect(303, `/aanmelden/${provider.id}/terug?fout=${begun.reason}`);
	redirect(303, begun.url.href);
};
