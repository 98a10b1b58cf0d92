import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCoda, listCredits, parseCoda } from './coda';

// A statement written field by field after Febelfin's published CODA 2.6 layout: a structured
// payment with its 2.2 and 2.3 records, a free communication continued over 2.2 and 2.3 with
// information records 3.1 and 3.2, bank costs (a debit), a globalised credit with two details,
// a free text record 4, the new balance and the trailer; lines end in CR LF, as banks send them.
const file = readFileSync('tests/fixtures/coda/statement.cod');
const lines = () => decodeCoda(file).split('\r\n');

function parsed() {
	const result = parseCoda(decodeCoda(file));
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.statements;
}

describe('parseCoda', () => {
	it('reads the header, the account and both balances', () => {
		const [statement] = parsed();
		expect(statement).toMatchObject({
			creationDate: '2026-12-07',
			duplicate: false,
			bic: 'GKCCBEBB',
			account: 'BE68539007547034',
			currency: 'EUR',
			statementNumber: 123,
			oldBalanceCents: 100000,
			oldBalanceDate: '2026-12-06',
			newBalanceCents: 107720,
			newBalanceDate: '2026-12-07',
			holderName: 'GEMEENTE VOORBEELD'
		});
		expect(statement.freeText).toEqual(['Vrije mededeling van de bank']);
	});

	it('reads a structured payment with its counterparty from 2.2 and 2.3', () => {
		const [first] = parsed()[0].movements;
		expect(first).toEqual({
			sequence: 1,
			detail: 0,
			bankReference: 'EBA0001234567890ABCDE',
			credit: true,
			amountCents: 4000,
			valueDate: '2026-12-07',
			entryDate: '2026-12-07',
			transactionCode: '00150000',
			globalisation: 0,
			structuredReference: '010806817183',
			communication: '',
			counterpartyAccount: 'BE71096123456769',
			counterpartyName: 'JANSSENS JAN',
			counterpartyBic: 'KREDBEBB',
			lines: [3, 4, 5]
		});
	});

	it('joins a free communication continued in 2.2, and keeps the information records', () => {
		const statement = parsed()[0];
		const second = statement.movements[1];
		expect(second.structuredReference).toBeNull();
		expect(second.communication).toBe(
			'Bewonerskaart 2026-000123 nummerplaat 1-ABC-123 betaling voor de eerste kaart van het gezin, dank u wel'
		);
		expect(second.counterpartyName).toBe('PEETERS AN');
		expect(statement.information).toEqual([
			{ sequence: 2, detail: 0, text: 'Overschrijving via mobiel bankieren op 07/12/2026' }
		]);
	});

	it('lists each credit once: the details of a globalised total, never the total or a debit', () => {
		const credits = listCredits(parsed()[0]);
		expect(
			credits.map((c) => [c.sequence, c.detail, c.amountCents, c.structuredReference])
		).toEqual([
			[1, 0, 4000, '010806817183'],
			[2, 0, 1250, null],
			[4, 1, 2000, '000000000101'],
			[4, 2, 1000, '000000000202']
		]);
		expect(parsed()[0].movements[2]).toMatchObject({ credit: false, amountCents: 530 });
	});

	it('refuses a line of the wrong length, naming it', () => {
		const broken = lines();
		broken[2] = broken[2].slice(0, 120);
		const result = parseCoda(broken.join('\r\n'));
		expect(result).toEqual({
			ok: false,
			problems: [
				{ line: 3, message: 'is 120 characters long, not 128' },
				{ line: 4, message: 'record 2.2 does not continue the movement before it' },
				{ line: 5, message: 'record 2.3 does not continue the movement before it' },
				{ line: 17, message: 'the trailer counts 14 records 1, 2, 3 and 8; the statement has 13' }
			]
		});
	});

	it('refuses a statement whose balance or trailer does not add up', () => {
		const broken = lines();
		// The new balance one cent off.
		broken[15] = broken[15].slice(0, 42) + '000000001077210' + broken[15].slice(57);
		expect(parseCoda(broken.join('\n'))).toEqual({
			ok: false,
			problems: [{ line: 17, message: 'the new balance is not the old balance plus the movements' }]
		});
		const short = lines().filter((_, i) => i !== 16);
		expect(parseCoda(short.join('\n'))).toMatchObject({
			ok: false,
			problems: [{ message: 'the trailer record 9 is missing' }]
		});
	});

	it('refuses what is not a CODA file', () => {
		expect(parseCoda('')).toMatchObject({ ok: false });
		expect(
			parseCoda('Datum;Bedrag;Mededeling\n07/12/2026;40,00;+++010/8068/17183+++')
		).toMatchObject({ ok: false, problems: [{ line: 1 }, { line: 2 }] });
	});

	it('reads Latin-1 as banks write it, and UTF-8 when the file is UTF-8', () => {
		expect(decodeCoda(new Uint8Array([0x4b, 0xe9]))).toBe('Ké');
		expect(decodeCoda(new TextEncoder().encode('Ké'))).toBe('Ké');
	});
});
