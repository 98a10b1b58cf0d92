// CODA 2.x, the Belgian banks' coded bank statement (Febelfin, "Gecodeerde berichtgeving"): lines
// of 128 characters. Record 0 opens a statement (header), 1 gives the account and old balance,
// 2.1 a movement (2.2 and 2.3 continue it: more communication, the counterparty), 3.x information
// on a movement, 4 free text, 8 the new balance, 9 closes the statement (trailer). Pure: text in,
// statements or the lines it could not read out. Amounts are whole euro cents.

export const CODA_LINE_LENGTH = 128;

export type CodaMovement = {
	/** The continuous sequence number (positions 3–6) and detail number (7–10). */
	sequence: number;
	detail: number;
	bankReference: string;
	credit: boolean;
	amountCents: number;
	valueDate: string | null;
	entryDate: string;
	/** Eight digits: type, family, transaction, category. */
	transactionCode: string;
	globalisation: number;
	/** The 12 digits of a Belgian structured communication (type 101 or 102), else null. */
	structuredReference: string | null;
	/** The free communication (2.1, continued in 2.2 and 2.3), spaces collapsed. */
	communication: string;
	counterpartyAccount: string;
	counterpartyName: string;
	counterpartyBic: string;
	/** Line numbers (1-based) of the records of this movement. */
	lines: number[];
};

export type CodaInformation = { sequence: number; detail: number; text: string };

export type CodaStatement = {
	creationDate: string;
	duplicate: boolean;
	bic: string;
	/** The account as the bank wrote it: an IBAN for account structure 2 and 3. */
	account: string;
	currency: string;
	statementNumber: number;
	oldBalanceCents: number;
	oldBalanceDate: string;
	newBalanceCents: number;
	newBalanceDate: string;
	holderName: string;
	movements: CodaMovement[];
	information: CodaInformation[];
	freeText: string[];
};

export type CodaProblem = { line: number; message: string };

export type CodaResult =
	{ ok: true; statements: CodaStatement[] } | { ok: false; problems: CodaProblem[] };

class LineError extends Error {}

/** Positions as the layout writes them: 1-based, both ends included. */
const at = (line: string, from: number, to: number) => line.slice(from - 1, to);
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function digits(line: string, from: number, to: number, what: string): number {
	const s = at(line, from, to);
	if (!/^\d+$/.test(s)) throw new LineError(`${what} (positions ${from}–${to}) is not a number`);
	return Number(s);
}

/** DDMMYY to an ISO date (CODA years are 20YY); `000000` is null where allowed. */
function date(line: string, from: number, what: string, allowZero = false): string | null {
	const s = at(line, from, from + 5);
	if (allowZero && (s === '000000' || s.trim() === '')) return null;
	if (!/^\d{6}$/.test(s)) throw new LineError(`${what} "${s}" is not a date (DDMMYY)`);
	const [dd, mm, yy] = [Number(s.slice(0, 2)), Number(s.slice(2, 4)), Number(s.slice(4))];
	const year = 2000 + yy;
	const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
	if (mm < 1 || mm > 12 || dd < 1 || dd > last)
		throw new LineError(`${what} "${s}" is not a date (DDMMYY)`);
	return `${year}-${s.slice(2, 4)}-${s.slice(0, 2)}`;
}

function requiredDate(line: string, from: number, what: string): string {
	return date(line, from, what) as string;
}

/** Sign (0 credit, 1 debit) and 15 digits with three decimals, as signed cents. */
function amount(line: string, signAt: number, what: string): number {
	const sign = at(line, signAt, signAt);
	if (sign !== '0' && sign !== '1') throw new LineError(`${what}: sign "${sign}" is not 0 or 1`);
	const mills = digits(line, signAt + 1, signAt + 15, what);
	const cents = Math.round(mills / 10);
	return sign === '1' ? -cents : cents;
}

/** The account field of record 1 (positions 6–42) or 8 (5–41): number and currency. */
function account(
	line: string,
	structure: string,
	start: number
): { number: string; currency: string } {
	const field = at(line, start, start + 36);
	switch (structure) {
		case '0': // Belgian account number (12) and currency
			return { number: field.slice(0, 12).trim(), currency: field.slice(13, 16).trim() };
		case '1': // foreign account number (34) and currency
		case '3': // foreign IBAN (34) and currency
			return {
				number: field.slice(0, 34).replace(/\s/g, ''),
				currency: field.slice(34, 37).trim()
			};
		case '2': // Belgian IBAN (31 with blanks), extension (3), currency (3)
			return {
				number: field.slice(0, 31).replace(/\s/g, ''),
				currency: field.slice(34, 37).trim()
			};
		default:
			throw new LineError(`account structure "${structure}" is not 0, 1, 2 or 3`);
	}
}

type Open = CodaStatement & { accountStructure: string; trailer: boolean };
type Building = CodaMovement & { raw: string };

/** Reads a CODA file; any line it cannot read makes the whole file refused, with every reason. */
export function parseCoda(text: string): CodaResult {
	const problems: CodaProblem[] = [];
	const statements: Open[] = [];
	const lines = text.split(/\r\n|\n|\r/);
	while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
	if (lines.length === 0)
		return { ok: false, problems: [{ line: 0, message: 'the file is empty' }] };

	let st: Open | null = null;
	let movement: Building | null = null;
	let info: CodaInformation | null = null;
	let records = 0;

	lines.forEach((raw, i) => {
		const n = i + 1;
		try {
			if (raw.length !== CODA_LINE_LENGTH)
				throw new LineError(`is ${raw.length} characters long, not ${CODA_LINE_LENGTH}`);
			const line = raw;
			const kind = line[0];
			if (kind !== '0' && (!st || st.trailer))
				throw new LineError(`record ${kind} comes before a header record 0`);
			switch (kind) {
				case '0': {
					if (st && !st.trailer) throw new LineError('a new header before the trailer record 9');
					if (at(line, 2, 5) !== '0000')
						throw new LineError('positions 2–5 of record 0 are not 0000');
					if (line[127] !== '2') throw new LineError(`version "${line[127]}" is not CODA 2`);
					st = {
						creationDate: requiredDate(line, 6, 'creation date'),
						duplicate: line[16] === 'D',
						bic: at(line, 61, 71).trim(),
						account: '',
						accountStructure: '',
						currency: '',
						statementNumber: 0,
						oldBalanceCents: 0,
						oldBalanceDate: '',
						newBalanceCents: 0,
						newBalanceDate: '',
						holderName: '',
						movements: [],
						information: [],
						freeText: [],
						trailer: false
					};
					statements.push(st);
					movement = null;
					info = null;
					records = 0;
					return;
				}
				case '1': {
					const s = st as Open;
					if (s.accountStructure) throw new LineError('a second record 1 in one statement');
					s.accountStructure = line[1];
					const acc = account(line, line[1], 6);
					s.account = acc.number;
					s.currency = acc.currency;
					s.statementNumber = digits(line, 3, 5, 'statement number');
					s.oldBalanceCents = amount(line, 43, 'old balance');
					s.oldBalanceDate = requiredDate(line, 59, 'old balance date');
					s.holderName = collapse(at(line, 65, 90));
					records += 1;
					return;
				}
				case '2':
				case '3': {
					const s = st as Open;
					if (!s.accountStructure) throw new LineError(`record ${kind} comes before record 1`);
					const sequence = digits(line, 3, 6, 'sequence number');
					const detail = digits(line, 7, 10, 'detail number');
					records += 1;
					if (kind === '2') readMovement(s, line, line[1], sequence, detail, n);
					else readInformation(s, line, line[1], sequence, detail);
					return;
				}
				case '4': {
					const s = st as Open;
					s.freeText.push(collapse(at(line, 33, 112)));
					return;
				}
				case '8': {
					const s = st as Open;
					if (!s.accountStructure) throw new LineError('record 8 comes before record 1');
					const acc = account(line, s.accountStructure, 5);
					if (acc.number !== s.account)
						throw new LineError(
							`the account ${acc.number} is not the account of record 1 (${s.account})`
						);
					s.newBalanceCents = amount(line, 42, 'new balance');
					s.newBalanceDate = requiredDate(line, 58, 'new balance date');
					records += 1;
					return;
				}
				case '9': {
					const s = st as Open;
					if (!s.newBalanceDate) throw new LineError('the trailer comes before record 8');
					s.trailer = true;
					const count = digits(line, 17, 22, 'number of records');
					if (count !== records)
						throw new LineError(
							`the trailer counts ${count} records 1, 2, 3 and 8; the statement has ${records}`
						);
					const debit = Math.round(digits(line, 23, 37, 'debit total') / 10);
					const credit = Math.round(digits(line, 38, 52, 'credit total') / 10);
					const booked = s.movements.filter((m) => m.detail === 0);
					const sum = (credit: boolean) =>
						booked.filter((m) => m.credit === credit).reduce((t, m) => t + m.amountCents, 0);
					if (credit !== sum(true) || debit !== sum(false))
						throw new LineError('the trailer totals are not the sum of the movements');
					const expected = s.oldBalanceCents + sum(true) - sum(false);
					if (expected !== s.newBalanceCents)
						throw new LineError('the new balance is not the old balance plus the movements');
					return;
				}
				default:
					throw new LineError(`record type "${kind}" is unknown`);
			}
		} catch (e) {
			if (!(e instanceof LineError)) throw e;
			problems.push({ line: n, message: e.message });
		}
	});

	function readMovement(
		s: Open,
		line: string,
		article: string,
		sequence: number,
		detail: number,
		n: number
	) {
		if (article === '1') {
			const structured = line[61];
			if (structured !== '0' && structured !== '1')
				throw new LineError(`communication type "${structured}" is not 0 or 1`);
			const comm = at(line, 63, 115);
			const type = comm.slice(0, 3);
			const reference =
				structured === '1' && (type === '101' || type === '102') ? comm.slice(3, 15) : null;
			if (reference !== null && !/^\d{12}$/.test(reference))
				throw new LineError(`structured communication "${reference}" is not 12 digits`);
			const signed = amount(line, 32, 'amount');
			movement = {
				sequence,
				detail,
				bankReference: at(line, 11, 31).trim(),
				credit: signed >= 0,
				amountCents: Math.abs(signed),
				valueDate: date(line, 48, 'value date', true),
				entryDate: requiredDate(line, 116, 'entry date'),
				transactionCode: at(line, 54, 61),
				globalisation: digits(line, 125, 125, 'globalisation code'),
				structuredReference: reference,
				communication: '',
				counterpartyAccount: '',
				counterpartyName: '',
				counterpartyBic: '',
				lines: [n],
				raw: structured === '1' ? '' : comm
			};
			s.movements.push(movement);
			info = null;
			return;
		}
		const m = movement;
		if (!m || m.sequence !== sequence || m.detail !== detail)
			throw new LineError(`record 2.${article} does not continue the movement before it`);
		m.lines.push(n);
		if (article === '2') {
			m.raw += at(line, 11, 63);
			m.counterpartyBic = at(line, 99, 109).trim();
		} else if (article === '3') {
			m.counterpartyAccount = at(line, 11, 44).replace(/\s/g, '');
			m.counterpartyName = collapse(at(line, 48, 82));
			m.raw += at(line, 83, 125);
		} else throw new LineError(`record 2.${article} is unknown`);
	}

	function readInformation(
		s: Open,
		line: string,
		article: string,
		sequence: number,
		detail: number
	) {
		if (article === '1') {
			info = { sequence, detail, text: at(line, 41, 113) };
			s.information.push(info);
			return;
		}
		if (!info || info.sequence !== sequence || info.detail !== detail)
			throw new LineError(`record 3.${article} does not continue the information before it`);
		if (article === '2') info.text += at(line, 11, 115);
		else if (article === '3') info.text += at(line, 11, 100);
		else throw new LineError(`record 3.${article} is unknown`);
	}

	const last = statements.at(-1);
	if (last && !last.trailer)
		problems.push({ line: lines.length, message: 'the trailer record 9 is missing' });
	if (problems.length > 0) return { ok: false, problems };
	return {
		ok: true,
		statements: statements.map(({ accountStructure: _s, trailer: _t, ...s }) => ({
			...s,
			information: s.information.map((x) => ({ ...x, text: collapse(x.text) })),
			movements: s.movements.map((m) => {
				const { raw, ...rest } = m as Building;
				return { ...rest, communication: collapse(raw) };
			})
		}))
	};
}

/**
 * The credits that pay someone: each movement without details, and the details of a movement
 * that has them (a globalised total is not one payment).
 */
export function listCredits(statement: CodaStatement): CodaMovement[] {
	const withDetails = new Set(
		statement.movements.filter((m) => m.detail > 0).map((m) => m.sequence)
	);
	return statement.movements.filter(
		(m) => m.credit && (m.detail > 0 || !withDetails.has(m.sequence))
	);
}

/** Bytes of an uploaded file as text: UTF-8 when it is valid UTF-8, else Latin-1 (most banks). */
export function decodeCoda(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('latin1').decode(bytes);
	}
}
