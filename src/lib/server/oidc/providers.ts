// The configured providers, read once from OIDC_PROVIDERS_FILE (a bad file stops the server at
// start-up with its errors, as any bad setting does).
import { getConfig } from '../config';
import { readProviders, type Provider } from './config';
import { localize, type Locale } from '$lib/process/text';

let providers: Provider[] | undefined;

export function getProviders(): Provider[] {
	providers ??= readProviders(getConfig().oidcProvidersFile);
	return providers;
}

export function findProvider(id: string): Provider | undefined {
	return getProviders().find((p) => p.id === id);
}

/** What the sign-in page shows of each provider. */
export type ProviderChoice = Pick<Provider, 'id' | 'label' | 'audience'>;

export function providerChoices(): ProviderChoice[] {
	return getProviders().map(({ id, label, audience }) => ({ id, label, audience }));
}

/** A provider's name in a language; its id when it is no longer configured. */
export function providerName(id: string, locale: Locale): string {
	const label = findProvider(id)?.label;
	return label ? localize(label, locale) : id;
}
