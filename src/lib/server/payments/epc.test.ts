import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildEpcPayload } from './epc';

const transfer = {
	bic: 'GKCCBEBB',
	beneficiary: 'Gemeente Voorbeeld',
	iban: 'BE68 5390 0754 7034',
	amountCents: 4000,
	structuredReference: '010806817183'
};

describe('buildEpcPayload', () => {
	it('writes the EPC069-12 lines: version 002, UTF-8, SCT, the reference as structured remittance', () => {
		expect(buildEpcPayload(transfer).split('\n')).toEqual([
			'BCD',
			'002',
			'1',
			'SCT',
			'GKCCBEBB',
			'Gemeente Voorbeeld',
			'BE68539007547034',
			'EUR40.00',
			'',
			'010806817183'
		]);
	});

	it('writes cents with two decimals, and leaves the optional BIC empty', () => {
		const lines = buildEpcPayload({ ...transfer, bic: null, amountCents: 1205 }).split('\n');
		expect(lines[4]).toBe('');
		expect(lines[7]).toBe('EUR12.05');
		expect(buildEpcPayload({ ...transfer, amountCents: 1 }).split('\n')[7]).toBe('EUR0.01');
	});

	it('refuses values the guideline does not allow', () => {
		expect(() => buildEpcPayload({ ...transfer, amountCents: 0 })).toThrow(RangeError);
		expect(() => buildEpcPayload({ ...transfer, iban: 'not an iban' })).toThrow(RangeError);
		expect(() => buildEpcPayload({ ...transfer, bic: 'gkcc' })).toThrow(RangeError);
		expect(() => buildEpcPayload({ ...transfer, beneficiary: 'x'.repeat(71) })).toThrow(RangeError);
		expect(() =>
			buildEpcPayload({ ...transfer, structuredReference: '+++010/8068/17183+++' })
		).toThrow(RangeError);
	});

	it('fits a QR code of error correction level M, as the guideline asks', async () => {
		const qr = QRCode.create(buildEpcPayload(transfer), { errorCorrectionLevel: 'M' });
		expect(qr.errorCorrectionLevel.bit).toBe(
			QRCode.create('x', { errorCorrectionLevel: 'M' }).errorCorrectionLevel.bit
		);
		expect(qr.version).toBeLessThanOrEqual(13);
		const svg = await QRCode.toString(buildEpcPayload(transfer), {
			type: 'svg',
			errorCorrectionLevel: 'M'
		});
		expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
	});
});
