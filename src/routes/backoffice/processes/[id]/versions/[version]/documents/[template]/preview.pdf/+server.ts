import { error } from '@sveltejs/kit';
import { isLocale, m } from '$lib/i18n';
import { requireAllowed } from '$lib/server/web/guards';
import { canConfigureProcesses } from '$lib/server/auth/policies';
import { renderPreview } from '$lib/server/documents/preview';
import { fileResponse } from '$lib/server/files/response';
import { parseVersion } from '$lib/server/processes/lifecycle-form';
import type { RequestHandler } from './$types';

/** A template of one version (a draft's too) filled in with the sample dossier, as a preview PDF. */
export const GET: RequestHandler = async (event) => {
	requireAllowed(event, canConfigureProcesses);
	const version = parseVersion(event.params.version);
	if (version === null) error(404, m.procNotFound());
	const taal = event.url.searchParams.get('taal');
	const pdf = await renderPreview({
		processId: event.params.id,
		version,
		templateId: event.params.template,
		locale: isLocale(taal) ? taal : event.locals.locale
	});
	if (!pdf) error(404, m.procNotFound());
	return fileResponse({ name: pdf.fileName, type: 'application/pdf', bytes: pdf.bytes });
};
