// How the webhook pages name events and delivery states in the interface language.
import { m } from '$lib/i18n';

const eventLabels: Record<string, () => string> = {
	'dossier.created': m.webhooksEventCreated,
	'dossier.transitioned': m.webhooksEventTransitioned,
	'message.created': m.webhooksEventMessage,
	'webhook.test': m.webhooksEventTest
};

const statusLabels: Record<string, () => string> = {
	pending: m.webhooksStatusPending,
	delivered: m.webhooksStatusDelivered,
	failed: m.webhooksStatusFailed
};

export function eventLabel(type: string): string {
	return eventLabels[type]?.() ?? type;
}

export function deliveryStatusLabel(status: string | null): string {
	return status ? (statusLabels[status]?.() ?? status) : m.webhooksNever();
}

export function formatMoment(at: Date, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-BE', {
		dateStyle: 'short',
		timeStyle: 'medium',
		timeZone: 'Europe/Brussels'
	}).format(at);
}
