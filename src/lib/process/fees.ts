// A process's fee (retributie): a fixed amount, or an amount per option of a select/radio field,
// optionally times a number field (copies, square metres). `due` says when Loket collects it: at
// filing or after the decision; without `due` the fee is only shown (paid at the counter, on an
// invoice). computeFeeCents is the one rule for what a dossier owes, in euro cents.
import { z } from 'zod';
import { localText } from './local-text';
import type { Field } from './fields';
import type { LocalText } from './text';
import type { Problem, Workflow } from './workflow';

export const feeDue = z.enum(['filing', 'decision']);
export type FeeDue = z.infer<typeof feeDue>;

export const fee = z.strictObject({
	amount: z.number().min(0).meta({ description: 'In euro; 0 when free' }),
	note: localText.optional(),
	due: feeDue.optional().meta({
		description:
			'When Loket collects the fee with a structured reference: at filing, or after the decision (when the dossier enters the state an onPaid transition leaves). Without it the fee is only shown.'
	}),
	perOption: z
		.strictObject({
			field: z.string().meta({ description: 'Key of a select or radio field' }),
			amounts: z
				.record(z.string(), z.number().min(0))
				.meta({ description: 'Euro per option value; an option not named costs `amount`' })
		})
		.optional(),
	times: z
		.string()
		.optional()
		.meta({ description: 'Key of a number field the amount is multiplied by (e.g. copies)' })
});
export type Fee = z.infer<typeof fee>;

/** Euro (as definitions write it) to whole cents. */
export function toCents(euro: number): number {
	return Math.round(euro * 100);
}

/**
 * What a dossier with these answers owes, in cents: the amount of the chosen option (else the
 * fixed amount), times the number field when the definition names one and it is answered.
 */
export function computeFeeCents(f: Fee, answers: Record<string, unknown>): number {
	let euro = f.amount;
	if (f.perOption) {
		const chosen = answers[f.perOption.field];
		if (typeof chosen === 'string' && Object.hasOwn(f.perOption.amounts, chosen))
			euro = f.perOption.amounts[chosen];
	}
	let cents = toCents(euro);
	if (f.times) {
		const n = answers[f.times];
		if (typeof n === 'number' && Number.isFinite(n)) cents = Math.round(cents * Math.max(0, n));
	}
	return cents;
}

/** Whether Loket collects this fee at all (a due moment and some amount that can be owed). */
export function isCollected(f: Fee): boolean {
	if (!f.due) return false;
	return f.amount > 0 || Object.values(f.perOption?.amounts ?? {}).some((a) => a > 0);
}

/** The states a dossier waits for payment in: those an `onPaid` transition leaves. */
export function listPaymentStates(wf: Workflow): string[] {
	return [...new Set(wf.transitions.filter((t) => t.onPaid).flatMap((t) => t.from))];
}

/** Problems of a fee against the form and the workflow it belongs to. */
export function findFeeProblems(f: Fee, fields: Map<string, Field>, wf: Workflow): Problem[] {
	const problems: Problem[] = [];
	if (f.perOption) {
		const target = fields.get(f.perOption.field);
		const at = ['fee', 'perOption', 'field'];
		if (!target) problems.push({ path: at, message: `unknown field "${f.perOption.field}"` });
		else if (target.type !== 'select' && target.type !== 'radio')
			problems.push({ path: at, message: `field "${target.key}" is not a select or radio field` });
		else {
			const values = target.options.map((o) => o.value);
			for (const key of Object.keys(f.perOption.amounts))
				if (!values.includes(key))
					problems.push({
						path: ['fee', 'perOption', 'amounts', key],
						message: `"${key}" is not an option of field "${target.key}" (${values.join(', ')})`
					});
		}
	}
	if (f.times) {
		const target = fields.get(f.times);
		if (!target) problems.push({ path: ['fee', 'times'], message: `unknown field "${f.times}"` });
		else if (target.type !== 'number')
			problems.push({
				path: ['fee', 'times'],
				message: `field "${f.times}" is not a number field`
			});
	}
	if (f.due === 'decision' && isCollected(f) && listPaymentStates(wf).length === 0)
		problems.push({
			path: ['fee', 'due'],
			message: 'a fee due at the decision needs a transition with onPaid: true in the workflow'
		});
	return problems;
}

/** What the citizen will pay for these answers, and when; null when Loket collects nothing. */
export function findFeeToPay(
	f: Fee,
	answers: Record<string, unknown>
): { amountCents: number; due: FeeDue } | null {
	if (!isCollected(f) || !f.due) return null;
	const amountCents = computeFeeCents(f, answers);
	return amountCents > 0 ? { amountCents, due: f.due } : null;
}

/**
 * What the product page lists: the amount per option (with the option's label, in the form's
 * order) and the label of the number field the amount is multiplied by.
 */
export function listFeeChoices(def: { fee: Fee; pages: { fields: Field[] }[] }): {
	options: { label: LocalText; amount: number }[];
	times: LocalText | null;
} {
	const fields = def.pages.flatMap((p) => p.fields);
	const { perOption, times } = def.fee;
	const target = perOption ? fields.find((x) => x.key === perOption.field) : undefined;
	const options =
		perOption && target && (target.type === 'select' || target.type === 'radio')
			? target.options.map((o) => ({
					label: o.label,
					amount: Object.hasOwn(perOption.amounts, o.value)
						? perOption.amounts[o.value]
						: def.fee.amount
				}))
			: [];
	const timesField = times ? fields.find((x) => x.key === times) : undefined;
	return { options, times: timesField && 'label' in timesField ? timesField.label : null };
}
