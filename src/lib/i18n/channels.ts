// The words for how a dossier was filed (dossier.channel): shown on the staff dossier page, in its
// timeline and on the intake pages.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/process/text';
import type { DossierChannel } from '$lib/views/intake';

type Options = { locale: Locale } | undefined;
const labels: Record<DossierChannel, (o: Options) => string> = {
	web: (o) => m.channelWeb({}, o),
	api: (o) => m.channelApi({}, o),
	desk: (o) => m.channelDesk({}, o),
	phone: (o) => m.channelPhone({}, o),
	letter: (o) => m.channelLetter({}, o),
	email: (o) => m.channelEmail({}, o)
};

/** "online", "via de API", "aan het loket", "telefonisch", "per brief", "per e-mail". */
export function channelLabel(channel: DossierChannel, locale?: Locale): string {
	return labels[channel](locale ? { locale } : undefined);
}
