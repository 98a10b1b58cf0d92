import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import * as lifecycle from '$lib/server/processes/lifecycle';
import { parseVersion } from '$lib/server/processes/lifecycle-form';
import type { RequestHandler } from './$types';

/** One version as a definition file, in the format of the library's files. */
export const GET: RequestHandler = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const version = parseVersion(event.params.version);
	if (version === null) error(404, m.procNotFound());
	const file = await lifecycle.exportVersion(event.params.id, version);
	if (!file) error(404, m.procNotFound());
	return new Response(file.text, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};
