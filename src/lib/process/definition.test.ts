import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './conditions';
import { parseDefinition } from './loader';
import { listCitizenSteps } from './workflow';

/** Loose on purpose: the tests write values the schema must reject. */
type FieldLike = {
	type: string;
	key: string;
	showIf?: unknown;
	options?: { value: string; label: { nl: string } }[];
	[property: string]: unknown;
};

/** A small but complete definition; each test breaks one thing in a copy of it. */
function validDefinition() {
	return {
		$schema: './schema.json',
		id: 'bewonerskaart',
		version: 1,
		title: { nl: 'Bewonerskaart', en: 'Residents’ parking card' },
		summary: { nl: 'Parkeren in uw zone.', en: 'Park in your zone.' },
		category: 'MobiliteitOpenbareWerken',
		productType: 'Toelating',
		audience: ['burger'],
		auth: 'optional',
		fee: { amount: 40 },
		handlingTime: { days: 5, unit: 'working', legal: false },
		pages: [
			{
				id: 'voertuig',
				title: { nl: 'Voertuig' },
				fields: <FieldLike[]>[
					{ type: 'licensePlate', key: 'kenteken', label: { nl: 'Nummerplaat' }, required: true },
					{
						type: 'radio',
						key: 'eigendom',
						label: { nl: 'Eigendom' },
						options: [
							{ value: 'eigen', label: { nl: 'Eigen wagen' } },
							{ value: 'lease', label: { nl: 'Leasewagen' } }
						]
					},
					{
						type: 'file',
						key: 'leasecontract',
						label: { nl: 'Leasecontract' },
						showIf: { field: 'eigendom', equals: 'lease' }
					}
				]
			},
			{
				id: 'periode',
				title: { nl: 'Periode' },
				fields: <FieldLike[]>[
					{ type: 'date', key: 'startdatum', label: { nl: 'Vanaf' }, notBefore: 'today' },
					{ type: 'number', key: 'kaarten', label: { nl: 'Aantal kaarten' }, min: 1, max: 2 }
				]
			}
		],
		workflow: {
			initial: 'ingediend',
			states: [
				state('ingediend', 'open', 'run', 'Ingediend'),
				state('onvolledig', 'waiting', 'pause', 'DossierOnvolledig'),
				state('toegekend', 'final', 'stop', 'Goedgekeurd'),
				state('geweigerd', 'final', 'stop', 'Geweigerd')
			],
			transitions: [
				move('vraag_info', ['ingediend'], 'onvolledig', ['staff']),
				move('aanvullen', ['onvolledig'], 'ingediend', ['citizen']),
				move('toekennen', ['ingediend'], 'toegekend', ['staff']),
				move('weigeren', ['ingediend', 'onvolledig'], 'geweigerd', ['staff'])
			]
		}
	};
}

function state(id: string, kind: string, clock: string, vlaamseCode: string) {
	return {
		id,
		label: { nl: id },
		citizenText: { nl: `Uw aanvraag is ${id}.` },
		kind,
		clock,
		vlaamseCode
	};
}

function move(id: string, from: string[], to: string, roles: string[]) {
	return { id, from, to, label: { nl: id }, roles };
}

type Def = ReturnType<typeof validDefinition>;

function errorsOf(change: (d: Def) => void): string[] {
	const d = validDefinition();
	change(d);
	const result = parseDefinition('forms/bewonerskaart.json', JSON.stringify(d));
	return result.ok ? [] : result.errors;
}

describe('process definition', () => {
	it('accepts a valid definition and fills in defaults', () => {
		const result = parseDefinition('forms/bewonerskaart.json', JSON.stringify(validDefinition()));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [plate] = result.definition.pages[0].fields;
		expect(plate).toMatchObject({ type: 'licensePlate', required: true });
		expect(result.definition.pages[0].fields[2]).toMatchObject({ maxFiles: 1, maxSizeMb: 10 });
		expect(result.definition.requirements).toEqual([]);
	});

	it('reports a condition on an unknown field with file and path', () => {
		expect(
			errorsOf((d) => {
				d.pages[0].fields[2].showIf = { field: 'kentekenplaat', equals: 'lease' };
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[2].showIf.field: unknown field "kentekenplaat"'
		]);
	});

	it('rejects a condition on a field of a later page', () => {
		expect(
			errorsOf((d) => {
				d.pages[0].fields[2].showIf = { field: 'kaarten', greaterThan: 1 } as never;
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[2].showIf.field: field "kaarten" is on a later page (pages[1])'
		]);
	});

	it('rejects a condition on a later field of the same page, and on itself', () => {
		expect(
			errorsOf((d) => {
				(d.pages[0].fields[1] as Record<string, unknown>).showIf = {
					field: 'leasecontract',
					filled: true
				};
				d.pages[0].fields[2].showIf = { field: 'leasecontract', filled: true } as never;
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[1].showIf.field: field "leasecontract" comes after this field',
			'forms/bewonerskaart.json: pages[0].fields[2].showIf.field: a field cannot depend on itself'
		]);
	});

	it('rejects a condition value that is not an option of the field', () => {
		expect(
			errorsOf((d) => {
				d.pages[0].fields[2].showIf = { field: 'eigendom', equals: 'bedrijf' };
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[2].showIf: "bedrijf" is not an option of field "eigendom" (eigen, lease)'
		]);
	});

	it('rejects a page condition that refers to its own page, inside all/not', () => {
		expect(
			errorsOf((d) => {
				(d.pages[1] as Record<string, unknown>).showIf = {
					all: [{ field: 'eigendom', filled: true }, { not: { field: 'kaarten', filled: true } }]
				};
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[1].showIf.all[1].not.field: a page can only depend on fields of earlier pages ("kaarten" is on pages[1])'
		]);
	});

	it('rejects a page id the form runner uses for its own steps', () => {
		expect(
			errorsOf((d) => {
				d.pages[1].id = 'controle';
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[1].id: "controle" is reserved for the form\'s own steps'
		]);
	});

	it('rejects duplicate field keys across pages', () => {
		expect(
			errorsOf((d) => {
				d.pages[1].fields[1].key = 'kenteken';
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[1].fields[1].key: duplicate key "kenteken" (also pages[0].fields[0])'
		]);
	});

	it('rejects an unknown field type and an unknown property', () => {
		expect(
			errorsOf((d) => {
				d.pages[0].fields[0].type = 'plate';
				(d.pages[1].fields[1] as Record<string, unknown>).maximum = 3;
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[0].type: unknown field type "plate"; use one of: text, textarea, email, tel, number, date, select, radio, checkboxes, consent, yesNo, file, address, nationalNumber, enterpriseNumber, iban, licensePlate, postcode, heading, paragraph',
			'forms/bewonerskaart.json: pages[1].fields[1]: Unrecognized key: "maximum"'
		]);
	});

	it('requires Dutch text and rejects an empty English text', () => {
		expect(
			errorsOf((d) => {
				d.title = { nl: '', en: '' };
			})
		).toEqual([
			'forms/bewonerskaart.json: title.nl: Dutch text (nl) is required',
			'forms/bewonerskaart.json: title.en: English text (en) may not be empty'
		]);
	});

	it('rejects a transition to an unknown state and an unknown initial state', () => {
		expect(
			errorsOf((d) => {
				d.workflow.initial = 'nieuw';
				d.workflow.transitions[2].to = 'goedgekeurd';
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.initial: unknown state "nieuw"',
			'forms/bewonerskaart.json: workflow.transitions[2].to: unknown state "goedgekeurd"'
		]);
	});

	it('rejects an unreachable state', () => {
		expect(
			errorsOf((d) => {
				d.workflow.states.push(state('archief', 'final', 'stop', 'Afgehandeld'));
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.states[4].id: state "archief" cannot be reached from the initial state "ingediend"'
		]);
	});

	it('rejects a non-final state with no way to a final state', () => {
		expect(
			errorsOf((d) => {
				d.workflow.states.push(state('advies', 'open', 'run', 'InVerwerking'));
				d.workflow.transitions.push(move('advies_vragen', ['ingediend'], 'advies', ['staff']));
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.states[4].id: state "advies" has no path to a final state'
		]);
	});

	it('rejects a waiting state the citizen cannot leave, and a final state whose clock runs', () => {
		expect(
			errorsOf((d) => {
				d.workflow.transitions[1].roles = ['staff'];
				d.workflow.states[3].clock = 'run';
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.states[3].clock: final state "geweigerd" must stop the clock'
		]);
		expect(
			errorsOf((d) => {
				d.workflow.transitions[1].roles = ['staff'];
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.states[1].kind: waiting state "onvolledig" needs a transition out of it that the citizen can take'
		]);
	});

	it('rejects duplicate states and a transition back to its own state', () => {
		expect(
			errorsOf((d) => {
				d.workflow.states.push(state('toegekend', 'final', 'stop', 'Goedgekeurd'));
				d.workflow.transitions.push(move('opnieuw', ['ingediend'], 'ingediend', ['staff']));
			})
		).toEqual([
			'forms/bewonerskaart.json: workflow.states[4].id: duplicate state "toegekend"',
			'forms/bewonerskaart.json: workflow.transitions[4].from[0]: transition "opnieuw" leads from "ingediend" back to itself'
		]);
	});

	it('rejects an unknown StatusVlaamseCode and an unknown role', () => {
		expect(
			errorsOf((d) => {
				d.workflow.states[0].vlaamseCode = 'Binnengekomen';
				d.workflow.transitions[0].roles = ['burgemeester'];
			})
		).toHaveLength(2);
	});

	it('rejects a lead time on a field that is not a date', () => {
		expect(
			errorsOf((d) => {
				(d as Record<string, unknown>).leadTimes = [
					{ field: 'kaarten', minDays: 42, severity: 'error', message: { nl: 'Te laat' } },
					{ field: 'startdatum', severity: 'warning', message: { nl: 'Te laat' } }
				];
			})
		).toEqual([
			'forms/bewonerskaart.json: leadTimes[0].field: field "kaarten" is not a date field',
			'forms/bewonerskaart.json: leadTimes[1]: give minDays, maxDays or both'
		]);
	});

	it('rejects inconsistent bounds and duplicate options', () => {
		expect(
			errorsOf((d) => {
				Object.assign(d.pages[1].fields[1], { min: 5, max: 2 });
				d.pages[0].fields[1].options?.push({ value: 'eigen', label: { nl: 'Nog eens' } });
			})
		).toEqual([
			'forms/bewonerskaart.json: pages[0].fields[1].options[2].value: duplicate option "eigen"',
			'forms/bewonerskaart.json: pages[1].fields[1].min: min 5 is more than max 2'
		]);
	});

	it('reports a file that is not JSON', () => {
		expect(parseDefinition('forms/kapot.json', '{ "id": ')).toMatchObject({
			ok: false,
			errors: [expect.stringMatching(/^forms\/kapot\.json: not valid JSON: /)]
		});
	});
});

describe('conditions', () => {
	it('evaluates comparisons and combinations', () => {
		const answers = { eigendom: 'lease', kaarten: 2, materiaal: ['tafels'], leeg: '' };
		expect(evaluateCondition({ field: 'eigendom', equals: 'lease' }, answers)).toBe(true);
		expect(evaluateCondition({ field: 'eigendom', notEquals: 'lease' }, answers)).toBe(false);
		expect(evaluateCondition({ field: 'eigendom', in: ['eigen', 'lease'] }, answers)).toBe(true);
		expect(evaluateCondition({ field: 'materiaal', includes: 'tafels' }, answers)).toBe(true);
		expect(evaluateCondition({ field: 'materiaal', includes: 'stoelen' }, answers)).toBe(false);
		expect(evaluateCondition({ field: 'leeg', filled: false }, answers)).toBe(true);
		expect(evaluateCondition({ field: 'kaarten', greaterThan: 1 }, answers)).toBe(true);
		expect(evaluateCondition({ field: 'kaarten', lessThan: 2 }, answers)).toBe(false);
		expect(
			evaluateCondition(
				{ any: [{ field: 'kaarten', lessThan: 2 }, { not: { field: 'leeg', filled: true } }] },
				answers
			)
		).toBe(true);
		expect(evaluateCondition({ all: [{ field: 'ontbreekt', filled: true }] }, answers)).toBe(false);
		expect(evaluateCondition(undefined, answers)).toBe(true);
	});
});

describe('citizen steps', () => {
	it('follows staff transitions from the initial state, outcomes last, without detours', () => {
		const result = parseDefinition('x.json', JSON.stringify(validDefinition()));
		if (!result.ok) throw new Error(result.errors.join('\n'));
		expect(listCitizenSteps(result.definition.workflow).map((s) => s.id)).toEqual([
			'ingediend',
			'toegekend',
			'geweigerd'
		]);
	});
});
