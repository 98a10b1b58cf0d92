// The place where an online payment provider plugs in. Loket ships none: every payment today is a
// bank transfer with the structured reference, read back from the bank's CODA statements. A
// municipality that wants card or app payments adds one implementation of this interface for its
// provider's API (README, "Fees and payments": Worldline/Ogone, Mollie, Payconiq by Bancontact).
// The rules stay Loket's: the provider is told what to collect and says what was paid; recording
// it (the payment row, the audit event, payment.received, moving the workflow on) is the same
// path as a matched bank line.
import type { Locale } from '$lib/process/text';

/** What Loket asks the provider to collect for one dossier's payment. */
export type PaymentRequest = {
	/** Loket's payment id: the provider returns it with every notification. */
	paymentId: string;
	amountCents: number;
	currency: 'EUR';
	/** The structured reference (12 digits), shown by providers that pass it to the bank. */
	structuredReference: string;
	/** What the citizen's bank statement or app shows: "Gemeente X – 2026-000123". */
	description: string;
	locale: Locale;
	/** Where the provider sends the citizen back to (the dossier page or tracking link). */
	returnUrl: string;
	/** Where the provider posts its status notifications (webhook) to Loket. */
	notifyUrl: string;
};

/** A checkout the citizen is sent to (a hosted payment page, or a QR code for an app). */
export type Checkout = { providerReference: string; redirectUrl: string; expiresAt: Date | null };

/** What the provider says about a payment, after Loket verified the notification's signature. */
export type ProviderStatus = {
	providerReference: string;
	paymentId: string;
	state: 'open' | 'paid' | 'failed' | 'cancelled' | 'expired';
	/** What was paid, in cents: recorded like a credit line of a bank statement. */
	amountPaidCents: number;
	paidAt: Date | null;
};

export interface PaymentProvider {
	/** A short name for the audit trail and the configuration ("mollie", "worldline", "payconiq"). */
	readonly id: string;
	/** Starts a checkout for the request; idempotent for one paymentId. */
	createCheckout(request: PaymentRequest): Promise<Checkout>;
	/**
	 * Reads a notification the provider posted to `notifyUrl`: verifies it (signature, or a call
	 * back to the provider's API) and returns the status, or null when it is not genuine.
	 */
	readNotification(request: { headers: Headers; body: Uint8Array }): Promise<ProviderStatus | null>;
	/** Asks the provider for the current status (for a citizen who returns before the webhook). */
	fetchStatus(providerReference: string): Promise<ProviderStatus>;
}
