// What the citizen's and staff's pages show of a dossier's payment: plain data, money in cents.

export type PaymentState = 'unpaid' | 'partly' | 'paid';

/** How to pay by bank transfer: shown only when the municipality configured its account. */
export type TransferDetails = {
	/** Grouped by four, as printed: BE68 5390 0754 7034. */
	iban: string;
	bic: string | null;
	beneficiary: string;
	/** The EPC QR code ("SCT", version 002) as SVG markup made on the server. */
	qrSvg: string;
};

export type PaymentView = {
	amountDueCents: number;
	amountPaidCents: number;
	/** What is still to pay (never below 0). */
	amountOpenCents: number;
	state: PaymentState;
	/** +++123/4567/89002+++ */
	structuredReference: string;
	transfer: TransferDetails | null;
};

/** A credit line of a bank statement that matched no payment (yet). */
export type UnmatchedLineView = {
	id: string;
	entryDate: string;
	amountCents: number;
	counterpartyName: string;
	counterpartyAccount: string;
	/** The structured reference (formatted) or the free communication. */
	communication: string;
	fileName: string;
	importedAt: Date;
};

/** What one CODA import did. */
/** An amount received, booked on a dossier's payment. */
export type MatchedLine = {
	reference: string;
	amountCents: number;
	state: PaymentState;
	/** The dossier went on by itself (its onPaid transition), now fully paid. */
	movedOn: boolean;
};

export type ImportSummary = {
	statements: number;
	credits: number;
	/** Lines already imported before (the same file, or an overlapping one). */
	duplicates: number;
	matched: MatchedLine[];
	unmatched: number;
};
