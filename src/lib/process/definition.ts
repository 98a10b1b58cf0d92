// A process definition: everything Loket knows about one municipal product, from what the
// citizen reads before starting, through the pages of the form, to the workflow staff follow.
// `processDefinition` validates a whole definition, including the cross-references between its
// parts (conditions, lead times, workflow), so the loader and the form builder apply one rule.
import { z } from 'zod';
import { assuranceLevels, type AssuranceLevel } from './assurance';
import { condition, listConditionFields, type Comparison } from './conditions';
import { dateBound } from './fields/date/definition';
import { fee, findFeeProblems } from './fees';
import { field, isChoiceField, isInputField, valueKinds, type Field } from './fields';
import { localText } from './local-text';
import { documentTemplate, findDocumentProblems } from './documents';
import { findRetentionProblems, retention } from './retention';
import { findWorkflowProblems, workflow, type Problem } from './workflow';
import { audiences, categories, productTypes, requestKinds } from './taxonomy';

export { audiences, categories, productTypes, requestKinds };

/** A level above `low` only means something when the citizen must sign in. */
export function findAssuranceProblems(def: {
	auth: 'none' | 'optional' | 'required';
	assurance?: AssuranceLevel;
}): Problem[] {
	return def.assurance && def.assurance !== 'low' && def.auth !== 'required'
		? [{ path: ['assurance'], message: 'a level above low needs auth "required"' }]
		: [];
}
export type { Audience, Category } from './taxonomy';

const dayUnit = z.enum(['calendar', 'working']);

export const page = z.strictObject({
	id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and -'),
	title: localText,
	intro: localText.optional(),
	showIf: condition.optional(),
	fields: z.array(field).min(1)
});

export const leadTime = z.strictObject({
	field: z.string().meta({ description: 'Key of a date field the rule measures from' }),
	minDays: z.int().min(0).optional(),
	maxDays: z.int().min(1).optional(),
	unit: dayUnit.default('calendar'),
	severity: z.enum(['error', 'warning']).meta({
		description: 'error blocks the submission; warning lets the citizen go on'
	}),
	message: localText,
	showIf: condition.optional().meta({ description: 'The rule applies only when this holds' })
});

export const processDefinition = z
	.strictObject({
		$schema: z.string().optional(),
		id: z
			.string()
			.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and -'),
		version: z.int().min(1),
		title: localText,
		summary: localText,
		description: localText.optional(),
		category: z.enum(categories),
		productType: z.enum(productTypes),
		requestKind: z.enum(requestKinds).default('application').meta({
			description:
				'What the citizen files: an application (aanvraag) that ends in a decision, or a report (melding) that is dealt with; the receipt and tracking pages use its words'
		}),
		audience: z.array(z.enum(audiences)).min(1),
		auth: z.enum(['none', 'optional', 'required']).meta({
			description: 'Whether the citizen must log in to file'
		}),
		assurance: z.enum(assuranceLevels).optional().meta({
			description:
				'With auth "required": the level of assurance the sign-in must reach: low (any account, a password too; the default), substantial (e.g. the CSAM app, an SMS code) or high (eID, itsme)'
		}),
		keywords: z.array(z.string().min(1)).default([]),
		eligibility: localText.optional().meta({ description: 'Who may apply' }),
		requirements: z
			.array(z.strictObject({ text: localText, evidence: localText.optional() }))
			.default([]),
		fee,
		handlingTime: z.strictObject({
			days: z.int().min(0),
			unit: dayUnit,
			legal: z.boolean().meta({ description: 'true: a statutory term; false: a service norm' }),
			note: localText.optional()
		}),
		leadTimes: z.array(leadTime).default([]),
		legalBasis: z
			.array(z.strictObject({ title: z.string().min(1), url: z.url().optional() }))
			.default([]),
		pages: z.array(page).min(1),
		workflow,
		documents: z.array(documentTemplate).optional().meta({
			description:
				'Documents (decision, certificate, permit, refusal) issued as sealed PDFs on named transitions'
		}),
		retention: retention.optional().meta({
			description:
				'How long a closed dossier is kept, per outcome (final state), and whether it is then destroyed or archived; without it the dossier is kept'
		})
	})
	.superRefine((def, ctx) => {
		const fields = new Map(listFields(def).map(({ field: f }) => [f.key, f]));
		for (const p of [
			...findFormProblems(def),
			...findWorkflowProblems(def.workflow),
			...findFeeProblems(def.fee, fields, def.workflow),
			...findDocumentProblems(def),
			...findAssuranceProblems(def),
			...findRetentionProblems(def.retention, def.workflow)
		])
			ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
	})
	.meta({ title: 'Loket process definition' });

export type ProcessDefinition = z.infer<typeof processDefinition>;
export type ProcessDefinitionInput = z.input<typeof processDefinition>;
export type Page = z.infer<typeof page>;

type Located = { field: Field; page: number; index: number };

/** Steps of the form runner that share the URL space of the pages. */
export const reservedPageIds = ['controle', 'ontvangen'];

function checkComparison(target: Field, c: Comparison): string | null {
	const kind = valueKinds[target.type];
	const name = `field "${target.key}"`;
	const expect = (want: string, value: unknown) =>
		typeof value === want ? null : `${name} holds a ${kind}, not a ${typeof value}`;
	const optionValues = isChoiceField(target) ? target.options.map((o) => o.value) : null;
	const notAnOption = (v: unknown) =>
		optionValues && !optionValues.includes(String(v))
			? `"${String(v)}" is not an option of ${name} (${optionValues.join(', ')})`
			: null;
	if ('includes' in c)
		return target.type === 'checkboxes'
			? notAnOption(c.includes)
			: `"includes" needs a checkboxes field; ${name} is ${target.type}`;
	if ('greaterThan' in c || 'lessThan' in c)
		return kind === 'number' ? null : `${name} is not a number field`;
	if ('filled' in c) return null;
	const values = 'equals' in c ? [c.equals] : 'notEquals' in c ? [c.notEquals] : c.in;
	if (kind === 'strings' || kind === 'address' || kind === 'files')
		return `${name} (${target.type}) can only be tested with ${kind === 'strings' ? '"includes" or ' : ''}"filled"`;
	for (const v of values) {
		const problem =
			kind === 'boolean'
				? expect('boolean', v)
				: kind === 'number'
					? expect('number', v)
					: expect('string', v);
		if (problem) return problem;
		const option = notAnOption(v);
		if (option) return option;
	}
	return null;
}

function checkCondition(
	cond: z.infer<typeof condition>,
	path: (string | number)[],
	known: Map<string, Located>,
	allowed: (loc: Located) => string | null
): Problem[] {
	return listConditionFields(cond).flatMap(({ field: key, path: sub, comparison }) => {
		const at = [...path, ...sub];
		const loc = known.get(key);
		if (!loc) return [{ path: at, message: `unknown field "${key}"` }];
		if (!isInputField(loc.field))
			return [{ path: at, message: `"${key}" is a ${loc.field.type} block and has no answer` }];
		const order = allowed(loc);
		if (order) return [{ path: at, message: order }];
		const mismatch = checkComparison(loc.field, comparison);
		return mismatch ? [{ path: at.slice(0, -1), message: mismatch }] : [];
	});
}

function fixedDate(bound: z.infer<typeof dateBound> | undefined): string | null {
	return bound && bound !== 'today' ? bound : null;
}

function findFieldProblems(f: Field, at: (string | number)[]): Problem[] {
	const problems: Problem[] = [];
	if (isChoiceField(f)) {
		const seen = new Set<string>();
		f.options.forEach((o, i) => {
			if (seen.has(o.value))
				problems.push({
					path: [...at, 'options', i, 'value'],
					message: `duplicate option "${o.value}"`
				});
			seen.add(o.value);
		});
	}
	if (f.type === 'checkboxes') {
		if (f.maxSelected !== undefined && f.maxSelected > f.options.length)
			problems.push({
				path: [...at, 'maxSelected'],
				message: `is more than the ${f.options.length} options`
			});
		if (f.minSelected !== undefined && f.maxSelected !== undefined && f.minSelected > f.maxSelected)
			problems.push({ path: [...at, 'minSelected'], message: 'is more than maxSelected' });
	}
	if (f.type === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max)
		problems.push({ path: [...at, 'min'], message: `min ${f.min} is more than max ${f.max}` });
	if (
		(f.type === 'text' || f.type === 'textarea') &&
		f.minLength !== undefined &&
		f.minLength > f.maxLength
	)
		problems.push({ path: [...at, 'minLength'], message: `is more than maxLength ${f.maxLength}` });
	if (f.type === 'date') {
		const [from, to] = [fixedDate(f.notBefore), fixedDate(f.notAfter)];
		if (from && to && from > to)
			problems.push({ path: [...at, 'notBefore'], message: `${from} is after notAfter ${to}` });
	}
	return problems;
}

/** Problems in the pages, fields, conditions and lead times of a definition. */
export function findFormProblems(def: Pick<ProcessDefinition, 'pages' | 'leadTimes'>): Problem[] {
	const problems: Problem[] = [];
	const known = new Map<string, Located>();
	const pageIds = new Set<string>();
	def.pages.forEach((p, pi) => {
		if (pageIds.has(p.id))
			problems.push({ path: ['pages', pi, 'id'], message: `duplicate page "${p.id}"` });
		if (reservedPageIds.includes(p.id))
			problems.push({
				path: ['pages', pi, 'id'],
				message: `"${p.id}" is reserved for the form's own steps`
			});
		pageIds.add(p.id);
		p.fields.forEach((f, fi) => {
			const first = known.get(f.key);
			if (first)
				problems.push({
					path: ['pages', pi, 'fields', fi, 'key'],
					message: `duplicate key "${f.key}" (also pages[${first.page}].fields[${first.index}])`
				});
			else known.set(f.key, { field: f, page: pi, index: fi });
			problems.push(...findFieldProblems(f, ['pages', pi, 'fields', fi]));
		});
	});
	def.pages.forEach((p, pi) => {
		if (p.showIf)
			problems.push(
				...checkCondition(p.showIf, ['pages', pi, 'showIf'], known, (loc) =>
					loc.page < pi
						? null
						: `a page can only depend on fields of earlier pages ("${loc.field.key}" is on pages[${loc.page}])`
				)
			);
		p.fields.forEach((f, fi) => {
			if (!f.showIf) return;
			problems.push(
				...checkCondition(f.showIf, ['pages', pi, 'fields', fi, 'showIf'], known, (loc) => {
					if (loc.page > pi)
						return `field "${loc.field.key}" is on a later page (pages[${loc.page}])`;
					if (loc.page === pi && loc.index === fi) return `a field cannot depend on itself`;
					if (loc.page === pi && loc.index > fi)
						return `field "${loc.field.key}" comes after this field`;
					return null;
				})
			);
		});
	});
	def.leadTimes.forEach((rule, i) => {
		const loc = known.get(rule.field);
		if (!loc)
			problems.push({ path: ['leadTimes', i, 'field'], message: `unknown field "${rule.field}"` });
		else if (loc.field.type !== 'date')
			problems.push({
				path: ['leadTimes', i, 'field'],
				message: `field "${rule.field}" is not a date field`
			});
		if (rule.minDays === undefined && rule.maxDays === undefined)
			problems.push({ path: ['leadTimes', i], message: 'give minDays, maxDays or both' });
		if (rule.minDays !== undefined && rule.maxDays !== undefined && rule.minDays > rule.maxDays)
			problems.push({ path: ['leadTimes', i, 'minDays'], message: 'is more than maxDays' });
		if (rule.showIf)
			problems.push(...checkCondition(rule.showIf, ['leadTimes', i, 'showIf'], known, () => null));
	});
	return problems;
}

/** All fields of a definition in page order, with their page index. */
export function listFields(
	def: Pick<ProcessDefinition, 'pages'>
): { field: Field; page: number }[] {
	return def.pages.flatMap((p, page) => p.fields.map((f) => ({ field: f, page })));
}
