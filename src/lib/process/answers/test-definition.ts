// A small definition that exercises every kind of rule: identifiers, a conditional upload, an
// address, lead times, a checkbox-dependent field and a conditional page. Used by the tests only.
import { processDefinition } from '../definition';

export const testDefinition = processDefinition.parse({
	id: 'proef',
	version: 1,
	title: { nl: 'Proef' },
	summary: { nl: 'Proef' },
	category: 'BurgerOverheid',
	productType: 'Toelating',
	audience: ['burger'],
	auth: 'none',
	fee: { amount: 0 },
	handlingTime: { days: 10, unit: 'working', legal: false },
	leadTimes: [
		{ field: 'datum', minDays: 42, severity: 'error', message: { nl: 'Minstens 6 weken vooraf' } },
		{
			field: 'datum',
			minDays: 98,
			severity: 'warning',
			message: { nl: 'Grote evenementen: 14 weken' },
			showIf: { field: 'bezoekers', greaterThan: 3000 }
		}
	],
	pages: [
		{
			id: 'aanvrager',
			title: { nl: 'Aanvrager' },
			fields: [
				{ type: 'text', key: 'naam', label: { nl: 'Naam' }, required: true, autocomplete: 'name' },
				{
					type: 'nationalNumber',
					key: 'rrn',
					label: { nl: 'Rijksregisternummer' },
					required: true
				},
				{ type: 'iban', key: 'rekening', label: { nl: 'Rekeningnummer' } },
				{
					type: 'radio',
					key: 'eigendom',
					label: { nl: 'Eigendom' },
					required: true,
					options: [
						{ value: 'eigen', label: { nl: 'Eigen' } },
						{ value: 'lease', label: { nl: 'Lease' } }
					]
				},
				{
					type: 'file',
					key: 'contract',
					label: { nl: 'Contract' },
					required: true,
					maxFiles: 2,
					showIf: { field: 'eigendom', equals: 'lease' }
				},
				{ type: 'address', key: 'adres', label: { nl: 'Adres' }, required: true },
				{ type: 'email', key: 'email', label: { nl: 'E-mail' } }
			]
		},
		{
			id: 'evenement',
			title: { nl: 'Evenement' },
			fields: [
				{ type: 'date', key: 'datum', label: { nl: 'Datum' }, required: true, notBefore: 'today' },
				{ type: 'number', key: 'bezoekers', label: { nl: 'Bezoekers' }, min: 1, required: true },
				{
					type: 'checkboxes',
					key: 'materiaal',
					label: { nl: 'Materiaal' },
					options: [
						{ value: 'tafels', label: { nl: 'Tafels' } },
						{ value: 'stoelen', label: { nl: 'Stoelen' } }
					]
				},
				{
					type: 'number',
					key: 'tafels',
					label: { nl: 'Aantal tafels' },
					required: true,
					showIf: { field: 'materiaal', includes: 'tafels' }
				},
				{
					type: 'text',
					key: 'leasemaatschappij',
					label: { nl: 'Leasemaatschappij' },
					showIf: { field: 'eigendom', equals: 'lease' }
				}
			]
		},
		{
			id: 'groot',
			title: { nl: 'Veiligheid' },
			showIf: { field: 'bezoekers', greaterThan: 3000 },
			fields: [
				{
					type: 'consent',
					key: 'veiligheid',
					label: { nl: 'Ik maak een veiligheidsplan' },
					required: true
				}
			]
		}
	],
	workflow: {
		initial: 'ingediend',
		states: [
			{
				id: 'ingediend',
				label: { nl: 'Ingediend' },
				citizenText: { nl: 'x' },
				kind: 'open',
				clock: 'run',
				vlaamseCode: 'Ingediend'
			},
			{
				id: 'klaar',
				label: { nl: 'Klaar' },
				citizenText: { nl: 'x' },
				kind: 'final',
				clock: 'stop',
				vlaamseCode: 'Afgehandeld'
			}
		],
		transitions: [
			{
				id: 'afronden',
				from: ['ingediend'],
				to: 'klaar',
				label: { nl: 'Afronden' },
				roles: ['staff']
			}
		]
	}
});
