// The contract of /api/v1 as zod schemas: what requests may contain (parsed with these very
// schemas) and what responses contain (the integration tests parse every response with them).
// The OpenAPI document is generated from the same schemas, so the three cannot drift apart.
import { z } from 'zod';
import { locales } from '$lib/process/text';
import { MAX_DOCUMENT_REQUESTS, MAX_MESSAGE_LENGTH, MAX_NOTE_LENGTH } from '../dossiers/handling';

const dateTime = z.string().meta({ format: 'date-time', example: '2026-12-04T09:30:00.000Z' });
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
	.meta({ format: 'date', example: '2026-12-31' });
const uuid = z.uuid().meta({ example: '0b8a4c5e-6d2f-4c1a-9d8e-2f1b3c4d5e6f' });
const localText = z
	.object({ nl: z.string(), en: z.string().optional() })
	.meta({ id: 'LocalText', description: 'A text in Dutch, with its English translation if any.' });
const boolParam = z.enum(['true', 'false']);

export const problemSchema = z
	.object({
		type: z.string().describe('What kind of problem: a link to its explanation.'),
		title: z.string(),
		status: z.number().int(),
		detail: z.string().optional(),
		errors: z
			.array(z.object({ name: z.string(), message: z.string() }))
			.optional()
			.describe('Per field of the request: what is wrong with it.'),
		changedAt: dateTime.optional().describe('Conflict: when the dossier last changed.'),
		changedBy: z.string().nullable().optional().describe('Conflict: who changed it.')
	})
	.meta({ id: 'Problem', description: 'An error, as RFC 9457 problem details.' });

// Parameters

export const dossierPath = z.object({
	id: z
		.string()
		.max(100)
		.describe('The dossier: its id (uuid) or its reference (e.g. 2026-000123).')
});
export const attachmentPath = dossierPath.extend({
	attachmentId: uuid.describe('The attachment id, from the dossier’s `attachments`.')
});
export const documentPath = dossierPath.extend({
	documentId: uuid.describe('The document id, from the dossier’s `documents`.')
});
export const processPath = z.object({
	id: z.string().max(100).describe('The process id, e.g. melding-openbaar-domein.')
});
export const versionPath = processPath.extend({
	version: z.coerce.number().int().min(1).describe('The version number of the definition.')
});

export const dossierListQuery = z.object({
	process: z.string().max(200).optional().describe('Only dossiers of this process id.'),
	state: z.string().max(200).optional().describe('Only dossiers in this workflow state id.'),
	assignee: z
		.union([z.literal('unassigned'), z.uuid()])
		.optional()
		.describe('Only dossiers assigned to this staff member (user id), or `unassigned`.'),
	open: boolParam.optional().describe('`true`: only dossiers that are not closed.'),
	overdue: boolParam.optional().describe('`true`: only open dossiers past their due date.'),
	from: isoDate.optional().describe('Received on or after this day (Europe/Brussels).'),
	to: isoDate.optional().describe('Received on or before this day (Europe/Brussels).'),
	q: z
		.string()
		.max(200)
		.optional()
		.describe('Full-text search in reference, applicant and answers.'),
	sort: z.enum(['received', 'due']).default('received').describe('Sort on received or due date.'),
	dir: z.enum(['asc', 'desc']).default('desc').describe('Sort direction.'),
	after: z
		.string()
		.regex(
			/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{6}Z)?_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
			'Expected the `next` value of a previous page'
		)
		.optional()
		.describe('The `next` value of the previous page (keyset pagination).'),
	limit: z.coerce.number().int().min(1).max(100).default(50).describe('Dossiers per page.'),
	changed_since: z.iso
		.datetime({ offset: true })
		.optional()
		.describe(
			'Sync: the dossiers changed at or after this moment, in the order of their changes; ' +
				'for a first sync (then use `cursor`). Only `process` and `limit` go with it.'
		),
	cursor: z
		.string()
		.regex(/^c[0-9]{1,19}$/, 'Expected the `next` value of a previous sync page')
		.optional()
		.describe(
			'Sync: the `next` value of the previous sync page: the dossiers changed since, in the order ' +
				'of their changes. `c0` starts from the beginning. Only `process` and `limit` go with it.'
		)
});

// Bodies

export const transitionBody = z
	.object({
		transition: z.string().min(1).max(200).describe('The transition id, from `transitions`.'),
		version: z
			.number()
			.int()
			.min(1)
			.describe('The dossier `version` you read: if it changed since, the answer is 409.'),
		note: z
			.string()
			.max(MAX_NOTE_LENGTH)
			.optional()
			.describe('The note (required by some transitions; sent to the citizen when it notifies).'),
		documents: z
			.array(z.string().max(200))
			.max(MAX_DOCUMENT_REQUESTS)
			.optional()
			.describe('Documents to ask the citizen for, when the transition waits for them.')
	})
	.meta({ id: 'TransitionRequest' });

export const messageBody = z
	.object({
		body: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH).describe('The text of the message.'),
		internal: z
			.boolean()
			.default(false)
			.describe('`true`: an internal note for staff; `false`: a message mailed to the citizen.')
	})
	.meta({ id: 'MessageRequest' });

export const createDossierHeaders = z.object({
	'Idempotency-Key': z
		.string()
		.min(1)
		.max(200)
		.describe(
			'Your unique id of this request (e.g. a uuid). A retry with the same key and body returns ' +
				'the same dossier (200); the same key with another body is refused (422).'
		)
});

export const createDossierBody = z
	.object({
		process: z
			.string()
			.min(1)
			.max(100)
			.describe('The process id; filed under its current version.'),
		language: z
			.enum(locales)
			.default('nl')
			.describe('The applicant’s language (mails, and the messages of `errors`).'),
		answers: z
			.record(z.string(), z.unknown())
			.describe(
				'The answers by field key, as the current definition version describes them (GET ' +
					'/processes/{id}/versions/{version}): text as strings, numbers, `true`/`false` for ' +
					'yes/no and consent, an array of option values for checkboxes, an object with street, ' +
					'number, box, postcode and municipality for an address, and for a file field an array ' +
					'of `{ "fileName": "...", "content": "<base64>" }`. Checked exactly as the form checks them.'
			)
	})
	.meta({ id: 'CreateDossierRequest' });

export const assignmentBody = z
	.object({
		assignee: z
			.union([z.uuid(), z.email(), z.null()])
			.describe('A staff member by user id or e-mail address, or `null` to unassign.'),
		version: z
			.number()
			.int()
			.min(1)
			.describe('The dossier `version` you read: if it changed since, the answer is 409.')
	})
	.meta({ id: 'AssignmentRequest' });

export const attachmentUploadHeaders = z.object({
	'Content-Disposition': z
		.string()
		.max(1000)
		.regex(/filename/i, 'Expected a file name: attachment; filename="scan.pdf"')
		.meta({ example: 'attachment; filename="document.pdf"' })
		.describe(
			'The file name: `attachment; filename="scan.pdf"`, or `filename*=UTF-8\'\'...` for other ' +
				'characters.'
		)
});

// Responses

export const dossierSummary = z
	.object({
		id: uuid,
		reference: z.string(),
		processId: z.string(),
		processVersion: z.number().int(),
		processTitle: localText.nullable(),
		status: z.string().describe('The workflow state id.'),
		stateLabel: localText.nullable(),
		applicantName: z.string(),
		applicantEmail: z.string().nullable(),
		assigneeId: uuid.nullable(),
		submittedAt: dateTime,
		dueDate: isoDate.nullable(),
		closedAt: dateTime.nullable(),
		overdue: z.boolean(),
		paused: z.boolean().describe('The clock is paused: the municipality waits for the citizen.'),
		version: z.number().int().optional().describe('Sync pages only: the dossier `version`.'),
		changedAt: dateTime.optional().describe('Sync pages only: when it last changed.')
	})
	.meta({ id: 'DossierSummary' });

export const dossierList = z
	.object({
		items: z.array(dossierSummary),
		next: z
			.string()
			.nullable()
			.describe(
				'Pass as `after` for the next page; null on the last page. On a sync page: pass as ' +
					'`cursor` for the changes after this page (never null).'
			),
		more: z
			.boolean()
			.optional()
			.describe('Sync pages only: more changes are ready now; else call again later.')
	})
	.meta({ id: 'DossierList' });

export const attachmentSchema = z
	.object({
		id: uuid,
		fieldKey: z.string().nullable().describe('The form field it was filed with, if any.'),
		messageId: uuid.nullable().describe('The message it came with, if any.'),
		documentRequestId: uuid.nullable(),
		fileName: z.string(),
		mediaType: z.string().describe('Sniffed from the content when it was received.'),
		size: z.number().int(),
		sha256: z.string(),
		createdAt: dateTime,
		href: z.string().describe('Where to download it (same token).')
	})
	.meta({ id: 'Attachment' });

export const documentSchema = z
	.object({
		id: uuid,
		kind: z.enum(['decision', 'certificate', 'permit', 'refusal']),
		title: z.string().describe('As printed on the document, in the dossier’s language.'),
		fileName: z.string(),
		size: z.number().int(),
		sha256: z.string().describe('Of the PDF as issued (sealed when `sealed`).'),
		sealed: z
			.boolean()
			.describe(
				'Sealed with the municipality’s certificate (PAdES); false when none is configured.'
			),
		issuedAt: dateTime,
		href: z.string().describe('Where to download it (same token).')
	})
	.meta({ id: 'Document' });

export const dossierDetail = z
	.object({
		id: uuid,
		reference: z.string(),
		version: z
			.number()
			.int()
			.describe('Changes with every change: send it back with a transition.'),
		process: z.object({ id: z.string(), version: z.number().int(), title: localText }),
		status: z.string(),
		state: z.object({
			id: z.string(),
			label: localText,
			kind: z.enum(['open', 'waiting', 'final'])
		}),
		language: z.enum(locales),
		channel: z
			.enum(['web', 'api', 'desk', 'phone', 'letter', 'email'])
			.describe(
				'Filed at the e-counter (`web`), by another system (`api`), or by staff for a citizen ' +
					'at the desk, by phone, letter or e-mail.'
			),
		signedIn: z
			.object({
				provider: z
					.string()
					.nullable()
					.describe('The identity provider (OIDC_PROVIDERS_FILE id); null for a password.'),
				assurance: z.enum(['low', 'substantial', 'high'])
			})
			.nullable()
			.describe(
				'How the citizen had signed in when filing, with the level of assurance reached ' +
					'(high: eID or itsme); null for a guest, an intake by staff or the API.'
			),
		onBehalfOf: z
			.object({
				enterpriseNumber: z
					.string()
					.describe('The KBO number, 10 digits (0123456749), as the identity provider gave it.'),
				name: z.string().describe("The enterprise's name, as the identity provider gave it."),
				actedBy: z
					.string()
					.describe(
						'Who signed in for the enterprise and filed; empty once the dossier was destroyed (who acted goes with the answers, the enterprise stays).'
					),
				role: z
					.string()
					.nullable()
					.describe('Their role or mandate in the enterprise (zaakvoerder); null when not given.')
			})
			.nullable()
			.describe(
				'Filed on behalf of an enterprise by someone who signed in for it (eID or itsme through ' +
					'ACM/IDM); null when the citizen filed for themselves.'
			),
		applicant: z.object({ name: z.string(), email: z.string().nullable() }),
		assigneeId: uuid.nullable(),
		submittedAt: dateTime,
		updatedAt: dateTime,
		dueDate: isoDate.nullable(),
		pausedSince: dateTime.nullable(),
		closedAt: dateTime.nullable(),
		answers: z
			.record(z.string(), z.unknown())
			.describe('The answers, by field key, as the process definition version describes them.'),
		attachments: z.array(attachmentSchema),
		documents: z
			.array(documentSchema)
			.describe(
				'The documents the municipality issued (decisions, certificates), oldest first. Issuing one raises the webhook event document.issued.'
			),
		messages: z.array(
			z.object({
				id: uuid,
				authorRole: z.enum(['citizen', 'staff', 'system']),
				author: z.string().nullable(),
				internal: z.boolean(),
				body: z.string(),
				createdAt: dateTime,
				attachments: z
					.array(attachmentSchema)
					.describe(
						'The files sent with this message (also in the dossier’s `attachments`); ' +
							'download each from its `href`.'
					)
			})
		),
		events: z
			.array(
				z.object({
					type: z.string(),
					fromStatus: z.string().nullable(),
					toStatus: z.string().nullable(),
					actor: z.string().nullable(),
					note: z.string().nullable(),
					visibility: z.enum(['public', 'internal']),
					at: dateTime
				})
			)
			.describe('The audit trail, oldest first.'),
		transitions: z
			.array(
				z.object({
					id: z.string(),
					label: localText,
					to: z.string(),
					requiresNote: z.boolean(),
					notifyCitizen: z.boolean()
				})
			)
			.describe('The transitions an API client (acting with the staff role) may take now.'),
		payment: z
			.object({
				amountDueCents: z.number().int().describe('What the dossier owes, in euro cents.'),
				amountPaidCents: z
					.number()
					.int()
					.describe('What bank statements paid so far, in euro cents.'),
				state: z.enum(['unpaid', 'partly', 'paid']),
				structuredReference: z
					.string()
					.describe('The Belgian structured reference (OGM/VCS), as +++123/4567/89002+++.'),
				due: z
					.enum(['filing', 'decision'])
					.describe('Whether the fee fell due at filing or after the decision.'),
				createdAt: dateTime,
				paidAt: dateTime.nullable()
			})
			.nullable()
			.describe(
				'The fee the dossier owes and what was paid; null while it owes nothing. A payment raises the webhook event payment.received.'
			)
	})
	.meta({ id: 'Dossier' });

export const messageCreated = z
	.object({ id: uuid, dossierId: uuid, internal: z.boolean() })
	.meta({ id: 'MessageCreated' });

export const processList = z
	.object({
		items: z.array(
			z.object({
				id: z.string(),
				title: localText.nullable().describe('The title of the newest version.'),
				retired: z.boolean(),
				currentVersion: z
					.number()
					.int()
					.nullable()
					.describe('The published version new requests are filed with.'),
				versions: z.array(
					z.object({
						version: z.number().int(),
						status: z.enum(['draft', 'published', 'retired']),
						publishedAt: dateTime.nullable()
					})
				)
			})
		)
	})
	.meta({ id: 'ProcessList' });

export const definitionResponse = z
	.object({
		processId: z.string(),
		version: z.number().int(),
		status: z.enum(['published', 'retired']),
		publishedAt: dateTime.nullable(),
		definition: z
			.record(z.string(), z.unknown())
			.describe('The process definition (the format of forms/schema.json).')
	})
	.meta({ id: 'ProcessDefinitionVersion' });
