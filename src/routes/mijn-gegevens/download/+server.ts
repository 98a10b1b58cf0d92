import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { requireUser } from '$lib/server/web/guards';
import * as myData from '$lib/server/users/my-data';
import * as dataPackage from '$lib/server/users/my-data-package';
import { getProviders } from '$lib/server/oidc/providers';
import type { RequestHandler } from './$types';

/** The person's data package, streamed as a dated ZIP; hammering it is refused before any work. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const allowance = await dataPackage.allowDownload(user, event.getClientAddress());
	if (!allowance.allowed) {
		const minutes = Math.ceil(allowance.retryAfterSeconds / 60);
		event.setHeaders({ 'retry-after': String(allowance.retryAfterSeconds) });
		error(429, m.myDataDownloadLimited({ minutes }));
	}
	const now = new Date();
	const data = await myData.collect(user, event.locals.locale, undefined, now);
	if (!data) redirect(303, '/mijn-account/afgesloten');
	const { json, files } = await dataPackage.describePackage(
		data,
		event.locals.locale,
		getProviders(),
		undefined,
		undefined,
		now
	);
	return new Response(dataPackage.zipStream(json, files, now), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${dataPackage.packageFileName(now)}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
