import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as builder from '$lib/server/processes/builder';
import { parseVersion } from '$lib/server/processes/builder-form';
import type { PageServerLoad } from './$types';

/** What changed between two versions of a process (?from=1&to=2). */
export const load: PageServerLoad = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	event.setHeaders({ 'cache-control': 'private, no-store' });
	const process = await builder.findProcess(event.params.id);
	if (!process) error(404, m.procNotFound());
	const q = event.url.searchParams;
	const [from, to] = [parseVersion(q.get('from')), parseVersion(q.get('to'))];
	const diff = from && to ? await builder.diffVersions(process.id, from, to) : null;
	if (!diff) error(400, m.procDiffBadVersions());
	return { process: { id: process.id, title: process.title }, diff };
};
