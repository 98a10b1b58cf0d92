// The EPC QR code (European Payments Council, EPC069-12 "Quick Response Code: guidelines to enable
// data capture for the initiation of a SEPA credit transfer"): the payload a banking app reads to
// fill in a transfer. Version 002, UTF-8, identification SCT; the Belgian structured reference goes
// into the structured remittance field (so the unstructured one stays empty). Pure.

export type EpcTransfer = {
	bic: string | null;
	beneficiary: string;
	iban: string;
	amountCents: number;
	/** The 12 digits of the structured reference. */
	structuredReference: string;
};

const MAX_PAYLOAD_BYTES = 331;

/** The payload's lines joined by LF; throws when a value breaks the guideline's limits. */
export function buildEpcPayload(t: EpcTransfer): string {
	const iban = t.iban.replace(/\s/g, '').toUpperCase();
	const name = t.beneficiary.replace(/[\r\n]+/g, ' ').trim();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(iban)) throw new RangeError(`Not an IBAN: ${t.iban}`);
	if (!name || name.length > 70) throw new RangeError('The beneficiary needs 1 to 70 characters');
	if (t.bic !== null && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(t.bic))
		throw new RangeError(`Not a BIC: ${t.bic}`);
	if (!Number.isInteger(t.amountCents) || t.amountCents < 1 || t.amountCents > 99999999999)
		throw new RangeError(`Amount out of range: ${t.amountCents} cents`);
	if (!/^\d{12}$/.test(t.structuredReference))
		throw new RangeError(`Not a structured reference: ${t.structuredReference}`);
	const euro = `${Math.floor(t.amountCents / 100)}.${String(t.amountCents % 100).padStart(2, '0')}`;
	const payload = [
		'BCD',
		'002',
		'1',
		'SCT',
		t.bic ?? '',
		name,
		iban,
		`EUR${euro}`,
		'',
		t.structuredReference
	].join('\n');
	if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES)
		throw new RangeError('The EPC payload is longer than 331 bytes');
	return payload;
}
