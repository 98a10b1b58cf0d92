import { describe, expect, it } from 'vitest';
import {
	computeFeeCents,
	findFeeToPay,
	isCollected,
	listFeeChoices,
	listPaymentStates,
	toCents,
	type Fee
} from './fees';
import { parseDefinition } from './loader';
import { readFileSync } from 'node:fs';

describe('computeFeeCents', () => {
	it('is the fixed amount in cents when nothing else is given', () => {
		expect(computeFeeCents({ amount: 40 }, {})).toBe(4000);
		expect(computeFeeCents({ amount: 12.35 }, {})).toBe(1235);
		expect(computeFeeCents({ amount: 0 }, { x: 1 })).toBe(0);
	});

	it('takes the amount of the chosen option, and the fixed amount for an option not named', () => {
		const fee: Fee = {
			amount: 40,
			perOption: { field: 'periode', amounts: { halfjaar: 20, tijdelijk: 10 } }
		};
		expect(computeFeeCents(fee, { periode: 'halfjaar' })).toBe(2000);
		expect(computeFeeCents(fee, { periode: 'tijdelijk' })).toBe(1000);
		expect(computeFeeCents(fee, { periode: 'jaar' })).toBe(4000);
		expect(computeFeeCents(fee, {})).toBe(4000);
		// Not an own property: an answer can never pick an inherited one.
		expect(computeFeeCents(fee, { periode: 'toString' })).toBe(4000);
	});

	it('multiplies by the number field, and by one while it is unanswered', () => {
		const fee: Fee = { amount: 2.5, times: 'exemplaren' };
		expect(computeFeeCents(fee, { exemplaren: 3 })).toBe(750);
		expect(computeFeeCents(fee, { exemplaren: 0 })).toBe(0);
		expect(computeFeeCents(fee, {})).toBe(250);
		expect(computeFeeCents(fee, { exemplaren: '3' })).toBe(250);
	});

	it('combines an option amount with a multiplier', () => {
		const fee: Fee = {
			amount: 10,
			perOption: { field: 'seizoen', amounts: { jaar: 18 } },
			times: 'oppervlakte'
		};
		expect(computeFeeCents(fee, { seizoen: 'jaar', oppervlakte: 12 })).toBe(21600);
		expect(computeFeeCents(fee, { seizoen: 'zomer', oppervlakte: 12 })).toBe(12000);
	});

	it('rounds to whole cents', () => {
		expect(toCents(0.1 + 0.2)).toBe(30);
		expect(computeFeeCents({ amount: 0.33, times: 'n' }, { n: 1.5 })).toBe(50);
	});
});

describe('collecting a fee', () => {
	it('is collected only with a due moment and something to pay', () => {
		expect(isCollected({ amount: 40 })).toBe(false);
		expect(isCollected({ amount: 40, due: 'filing' })).toBe(true);
		expect(isCollected({ amount: 0, due: 'filing' })).toBe(false);
		expect(
			isCollected({ amount: 0, due: 'decision', perOption: { field: 'x', amounts: { a: 5 } } })
		).toBe(true);
	});

	it('the library bewonerskaart is due at the decision, per period, and waits for payment', () => {
		const parsed = parseDefinition(
			'forms/bewonerskaart.json',
			readFileSync('forms/bewonerskaart.json', 'utf8')
		);
		if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
		const def = parsed.definition;
		expect(def.fee.due).toBe('decision');
		expect(listPaymentStates(def.workflow)).toEqual(['wacht_op_betaling']);
		expect(computeFeeCents(def.fee, { periode: 'jaar' })).toBe(4000);
		expect(computeFeeCents(def.fee, { periode: 'halfjaar' })).toBe(2000);
		expect(computeFeeCents(def.fee, { periode: 'tijdelijk' })).toBe(1000);
		expect(findFeeToPay(def.fee, { periode: 'halfjaar' })).toEqual({
			amountCents: 2000,
			due: 'decision'
		});
		expect(listFeeChoices(def)).toEqual({
			options: [
				{ label: expect.objectContaining({ nl: expect.any(String) }), amount: 40 },
				{ label: expect.objectContaining({ nl: expect.any(String) }), amount: 20 },
				{ label: expect.objectContaining({ nl: expect.any(String) }), amount: 10 }
			],
			times: null
		});
	});

	it('has nothing to pay for a fee only shown, or an amount of nothing', () => {
		expect(findFeeToPay({ amount: 6 }, {})).toBeNull();
		expect(
			findFeeToPay({ amount: 2, due: 'filing', times: 'exemplaren' }, { exemplaren: 0 })
		).toBeNull();
		expect(
			findFeeToPay({ amount: 2, due: 'filing', times: 'exemplaren' }, { exemplaren: 2 })
		).toEqual({ amountCents: 400, due: 'filing' });
	});
});

describe('fee problems in a definition', () => {
	const base = JSON.parse(readFileSync('forms/bewonerskaart.json', 'utf8')) as {
		fee: Record<string, unknown>;
		workflow: { transitions: { onPaid?: boolean }[] };
	};
	const errorsOf = (change: (d: typeof base) => void) => {
		const d = structuredClone(base);
		change(d);
		const r = parseDefinition('forms/bewonerskaart.json', JSON.stringify(d));
		return r.ok ? [] : r.errors;
	};

	it('names an unknown field, a field of the wrong type and an unknown option', () => {
		expect(
			errorsOf((d) => {
				d.fee.perOption = { field: 'periodes', amounts: {} };
			})
		).toEqual(['forms/bewonerskaart.json: fee.perOption.field: unknown field "periodes"']);
		expect(
			errorsOf((d) => {
				d.fee.perOption = { field: 'startdatum', amounts: {} };
			})
		).toEqual([
			'forms/bewonerskaart.json: fee.perOption.field: field "startdatum" is not a select or radio field'
		]);
		expect(
			errorsOf((d) => {
				d.fee.perOption = { field: 'periode', amounts: { maand: 5 } };
			})
		).toEqual([
			'forms/bewonerskaart.json: fee.perOption.amounts.maand: "maand" is not an option of field "periode" (jaar, halfjaar, tijdelijk)'
		]);
		expect(
			errorsOf((d) => {
				d.fee.times = 'nummerplaat';
			})
		).toEqual(['forms/bewonerskaart.json: fee.times: field "nummerplaat" is not a number field']);
	});

	it('refuses a fee due at the decision in a workflow that never waits for payment', () => {
		expect(
			errorsOf((d) => {
				for (const t of d.workflow.transitions) delete t.onPaid;
			})
		).toEqual([
			'forms/bewonerskaart.json: fee.due: a fee due at the decision needs a transition with onPaid: true in the workflow'
		]);
	});
});
