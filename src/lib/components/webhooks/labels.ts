// How the webhook pages name events and delivery states in the interface language.
import { formatDateTime, m, type Locale } from '$lib/i18n';

const eventLabels: Record<string, () => string> = {
	'dossier.created': m.webhooksEventCreated,
	'dossier.transitioned': m.webhooksEventTransitioned,
	'message.created': m.webhooksEventMessage,
	'payment.received': m.paymentWebhookEvent,
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

/** Delivery moments to the second (a log), written as everywhere else in the back-office. */
export function formatMoment(at: Date, locale: Locale): string {
	return formatDateTime(at, locale, true);
}
