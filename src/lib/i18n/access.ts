// The words for a line of the access log: what the person or system did with the dossier. Shown on
// the staff dossier page and written in the admin's export.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/process/text';
import type { AccessAction } from '$lib/views/access-log';

type Options = { locale: Locale } | undefined;
const labels: Record<AccessAction, (o: Options) => string> = {
	'dossier.viewed': (o) => m.accessDossierViewed({}, o),
	'file.downloaded': (o) => m.accessFileDownloaded({}, o),
	'api.file.downloaded': (o) => m.accessFileDownloaded({}, o),
	'file.previewed': (o) => m.accessFilePreviewed({}, o),
	'document.downloaded': (o) => m.accessDocumentDownloaded({}, o),
	'api.document.downloaded': (o) => m.accessDocumentDownloaded({}, o),
	'dossiers.exported': (o) => m.accessDossiersExported({}, o),
	'api.dossier.read': (o) => m.accessApiDossierRead({}, o),
	'api.dossiers.listed': (o) => m.accessApiDossiersListed({}, o),
	'access-log.exported': (o) => m.accessLogExported({}, o)
};

/** "Dossier geopend", "Bestand gedownload", "Geëxporteerd in een lijst (CSV)", … */
export function accessActionLabel(action: AccessAction, locale?: Locale): string {
	return labels[action](locale ? { locale } : undefined);
}
