import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import { parseVersion } from '$lib/server/processes/lifecycle-form';
import type { PageServerLoad } from './$types';

/** What changed between two versions of a process (?from=1&to=2). */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const process = await lifecycle.findProcess(event.params.id);
	if (!process) error(404, m.procNotFound());
	const q = event.url.searchParams;
	const [from, to] = [parseVersion(q.get('from')), parseVersion(q.get('to'))];
	const diff = from && to ? await lifecycle.diffVersions(process.id, from, to) : null;
	if (!diff) error(400, m.procDiffBadVersions());
	return { process: { id: process.id, title: process.title }, diff };
};
