import { error, redirect } from '@sveltejs/kit';
import type { Failure } from '$lib/server/oidc/service';
import { findProvider } from '$lib/server/oidc/providers';
import { finishSignIn } from '$lib/server/web/oidc';
import type { PageServerLoad } from './$types';

/** The provider sends the browser back here: signed in and on to where it was going, or why not. */
export const load: PageServerLoad = async (event) => {
	const provider = findProvider(event.params.provider);
	if (!provider) error(404, 'Not found');
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const choice = { id: provider.id, label: provider.label };
	const startFailed = event.url.searchParams.get('fout');
	if (startFailed !== null) {
		const failure: Failure = startFailed === 'unavailable' ? 'unavailable' : 'provider-error';
		return { provider: choice, failure, claim: undefined, returnTo: '/', level: 'low' as const };
	}
	const result = await finishSignIn(event, provider);
	if (result.ok) redirect(303, result.returnTo);
	return {
		provider: choice,
		failure: result.reason,
		claim: result.claim,
		returnTo: result.returnTo ?? '/',
		// Trying again asks for the level the page needed (a process that needs eID).
		level: result.level ?? 'low'
	};
};
