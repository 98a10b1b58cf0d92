// The Database interface Kysely checks every query against: one entry per table, in camelCase
// (the CamelCasePlugin maps to the snake_case columns of the migrations).
import type { AccessAction } from '$lib/views/access-log';
import type { ProcessVersionSource, ProcessVersionStatus } from '$lib/views/processes';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '$lib/process/workflow';
import type { AssuranceLevel } from '$lib/process/assurance';
import type { VerifiedIdentity } from '$lib/process/identity';
import type { DossierChannel, IntakeChannel } from '$lib/views/intake';
import type { Locale } from '$lib/process/text';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column: read and written as 'YYYY-MM-DD'. */
type CalendarDate = ColumnType<string, string, string>;
/** jsonb: written as the value or as its JSON text (pg would turn a bare array into a SQL array). */
type Json<T> = ColumnType<T, T | string, T | string>;
/** A timestamp with a database default that code may also set. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `bigint` column: read as a number on both backends (see connect.ts). */
type BigIntColumn = ColumnType<number, number, number>;

export interface AppUserTable {
	id: Generated<string>;
	email: string;
	name: Generated<string>;
	passwordHash: string | null;
	roles: ColumnType<Role[], Role[] | undefined, Role[]>;
	emailVerifiedAt: Timestamp | null;
	createdAt: CreatedAt;
	updatedAt: DefaultedTimestamp;
	/** Set when the account was closed: e-mail, name and password are then erased. */
	deletedAt: Timestamp | null;
	/** Staff: the daily e-mail of what asks for them (migration 2026_12_06_0013). */
	digest: Generated<boolean>;
}

export interface UserSessionTable {
	id: string;
	userId: string;
	expiresAt: Timestamp;
	createdAt: CreatedAt;
	/** Signed in through this OpenID Connect provider (migration 2026_12_08_0003); null: password. */
	provider: string | null;
	assurance: ColumnType<AssuranceLevel, AssuranceLevel | undefined, AssuranceLevel>;
	/** The person as the provider vouched for them, to prefill and lock the applicant's fields. */
	identity: Json<VerifiedIdentity> | null;
	idToken: string | null;
	providerSession: string | null;
}

export interface OidcIdentityTable {
	provider: string;
	subject: string;
	userId: string;
	createdAt: CreatedAt;
	lastSignInAt: DefaultedTimestamp;
}

export interface OidcFlowTable {
	id: string;
	provider: string;
	state: string;
	nonce: string;
	codeVerifier: string;
	returnTo: string;
	wantedLevel: AssuranceLevel;
	linkUserId: string | null;
	expiresAt: Timestamp;
}

/** A back-channel logout token received, by its `jti` (migration 2026_12_09_0003). */
export interface OidcLogoutTokenTable {
	provider: string;
	jti: string;
	expiresAt: Timestamp;
}

export interface ProcessTable {
	id: string;
	createdAt: CreatedAt;
	retiredAt: Timestamp | null;
}

export type { ProcessVersionSource, ProcessVersionStatus };

export interface ProcessVersionTable {
	processId: string;
	version: number;
	status: ProcessVersionStatus;
	source: ProcessVersionSource;
	definition: Json<unknown>;
	createdBy: string | null;
	createdAt: CreatedAt;
	publishedAt: Timestamp | null;
	/** Counts the saves of a draft; a save names the revision it was read at. */
	revision: ColumnType<number, number | undefined, number>;
	updatedAt: DefaultedTimestamp;
	updatedBy: string | null;
}

/** Who changed what in a process, when. Append-only (enforced by a trigger). */
export interface ProcessEventTable {
	id: ColumnType<number, never, never>;
	processId: string;
	version: number | null;
	type: string;
	actorId: string | null;
	data: Json<Record<string, unknown>>;
	at: CreatedAt;
}

export interface ReferenceCounterTable {
	year: number;
	last: number;
}

export interface DossierTable {
	id: Generated<string>;
	reference: string;
	processId: string;
	processVersion: number;
	status: string;
	answers: Json<Record<string, unknown>>;
	language: Generated<Locale>;
	ownerId: string | null;
	guestTokenHash: string | null;
	/** When the owner deleted their account and the dossier was detached (migration account_deletion). */
	ownerLeftAt: Timestamp | null;
	applicantName: Generated<string>;
	applicantEmail: string | null;
	assigneeId: string | null;
	submissionId: string;
	submittedAt: CreatedAt;
	dueDate: CalendarDate | null;
	closedAt: Timestamp | null;
	/** When the clock paused (a waiting state); null while it runs or has stopped. */
	clockPausedAt: Timestamp | null;
	/** Working days the clock stood still so far (migration handling_days). */
	pausedDays: Generated<number>;
	/** Working days from filing to decision less the pauses; null while open or when stopped. */
	handlingDays: number | null;
	version: Generated<number>;
	updatedAt: DefaultedTimestamp;
	/** Generated full-text search vector (reference, applicant, e-mail, answers); never written. */
	search: ColumnType<string, never, never>;
	/** Set by a trigger on every change of the dossier (see migration api_sync); never written. */
	changeSeq: ColumnType<number, never, never>;
	changeTxid: ColumnType<number | null, never, null>;
	changedAt: ColumnType<Date, never, never>;
	/**
	 * How it was filed: at the e-counter ('web'), by another system through the API ('api'), or by
	 * staff for a citizen who phoned, came to the desk, wrote or mailed (migration intake).
	 */
	channel: Generated<DossierChannel>;
	/** The member of staff who filed it for the citizen; null when the citizen or the API did. */
	filedBy: string | null;
	/** The department it was handed over to; null: its process's departments handle it. */
	departmentId: string | null;
	/**
	 * How the citizen had signed in when filing (migration dossier_assurance): the identity
	 * provider's id, or null for a password; `assurance` null for a guest, an intake or the API.
	 */
	signedInWith: Generated<string | null>;
	assurance: Generated<AssuranceLevel | null>;
	/**
	 * Filed on behalf of an enterprise (migration on_behalf): its KBO number (10 digits) and name as
	 * the identity provider gave them, and who acted for it (their name, their role); all null for
	 * a person filing for themselves. Never changes.
	 */
	onBehalfKbo: Generated<string | null>;
	onBehalfName: Generated<string | null>;
	onBehalfBy: Generated<string | null>;
	onBehalfRole: Generated<string | null>;
	/** Legal hold (migration retention): while set, with its reason and who set it, never destroyed. */
	legalHoldAt: Timestamp | null;
	legalHoldReason: string | null;
	legalHoldBy: string | null;
	/** When its retention term ended and it was destroyed: the row is then a tombstone. */
	destroyedAt: Timestamp | null;
	/** The retention rule applied at destruction (action, term, start, selection rule, due date). */
	retention: Json<Record<string, unknown>> | null;
}

/** One daily retention run (migration retention): claimed with a lease, counted when finished. */
export interface RetentionRunTable {
	id: Generated<string>;
	day: ColumnType<string, string, never>;
	startedAt: Date;
	leaseUntil: Date;
	finishedAt: Date | null;
	destroyed: Generated<number>;
	archived: Generated<number>;
	held: Generated<number>;
	failed: Generated<number>;
	housekeeping: ColumnType<Record<string, number>, string | undefined, string>;
}

/** A dossier a run destroyed or archived (insert only). */
export interface RetentionRunDossierTable {
	runId: string;
	dossierId: string;
	action: 'destroy' | 'archive';
	at: DefaultedTimestamp;
	package: string | null;
}

/** Storage keys freed by a destruction whose bytes may still be on disk. */
export interface RetentionPendingFileTable {
	storageKey: string;
	dossierId: string;
	at: DefaultedTimestamp;
}

/**
 * Running counts per key, spread over stripes (see migration 2026_12_06_0001): a key's count is the
 * sum of its rows. Only the triggers and the compaction (foldTally) write them.
 */
export interface DossierTallyTable {
	processId: string;
	processVersion: number;
	status: string;
	assigneeId: string | null;
	open: boolean;
	/** The dossier's department_id (null unless it was handed over). */
	departmentId: string | null;
	/** 1–8: the writing transaction's stripe; 0: folded by the compaction. */
	stripe: Generated<number>;
	n: number;
}

/**
 * Dossiers filed per process and local day (Europe/Brussels), striped as the tally (migration
 * 2026_12_07_0001): the overview's inflow.
 */
export interface DossierFiledTallyTable {
	processId: string;
	day: ColumnType<string, string, never>;
	stripe: Generated<number>;
	n: number;
}

/**
 * Decided dossiers per process, local week of the decision (its Monday) and handling days,
 * striped as the tally (migration 2026_12_07_0001): the overview's handling times.
 */
export interface DossierHandledTallyTable {
	processId: string;
	week: ColumnType<string, string, never>;
	handlingDays: number;
	stripe: Generated<number>;
	n: number;
}

export interface DossierEventTable {
	id: ColumnType<number, never, never>;
	dossierId: string;
	type: string;
	fromStatus: string | null;
	toStatus: string | null;
	actorId: string | null;
	actorLabel: string | null;
	note: string | null;
	visibility: 'public' | 'internal';
	data: Json<Record<string, unknown>> | null;
	at: CreatedAt;
}

export interface MessageTable {
	id: Generated<string>;
	dossierId: string;
	authorId: string | null;
	authorRole: 'citizen' | 'staff' | 'system';
	body: string;
	internal: Generated<boolean>;
	createdAt: CreatedAt;
	readAt: Timestamp | null;
}

export interface AttachmentTable {
	id: Generated<string>;
	dossierId: string;
	messageId: string | null;
	fieldKey: string | null;
	fileName: string;
	mediaType: string;
	sizeBytes: BigIntColumn;
	sha256: string;
	storageKey: string;
	uploadedBy: string | null;
	documentRequestId: string | null;
	createdAt: CreatedAt;
}

/** A document Loket issued on a transition (migration documents): insert only, by trigger. */
export interface OutgoingDocumentTable {
	id: Generated<string>;
	dossierId: string;
	templateId: string;
	kind: 'decision' | 'certificate' | 'permit' | 'refusal';
	title: string;
	fileName: string;
	language: Locale;
	sha256: string;
	sizeBytes: BigIntColumn;
	storageKey: string;
	sealed: boolean;
	createdAt: CreatedAt;
	createdByEventId: number;
}

export interface DocumentRequestTable {
	id: Generated<string>;
	dossierId: string;
	messageId: string | null;
	label: string;
	createdAt: CreatedAt;
	fulfilledAt: Timestamp | null;
}

export interface OutboxTable {
	id: ColumnType<number, never, never>;
	kind: string;
	payload: Json<Record<string, unknown>>;
	attempts: Generated<number>;
	nextAttemptAt: DefaultedTimestamp;
	lastError: string | null;
	createdAt: CreatedAt;
	processedAt: Timestamp | null;
}

export interface FormDraftTable {
	id: Generated<string>;
	tokenHash: string;
	ownerId: string | null;
	processId: string;
	processVersion: number;
	answers: Json<Record<string, unknown>>;
	language: Generated<Locale>;
	submissionId: Generated<string>;
	dossierId: string | null;
	createdAt: CreatedAt;
	updatedAt: DefaultedTimestamp;
	expiresAt: Timestamp;
	/** An intake: the member of staff filling it in for a citizen (the other three with it). */
	filedBy: string | null;
	channel: IntakeChannel | null;
	applicantName: string | null;
	applicantEmail: string | null;
}

export interface DraftFileTable {
	id: Generated<string>;
	draftId: string;
	fieldKey: string;
	fileName: string;
	mediaType: string;
	sizeBytes: BigIntColumn;
	sha256: string;
	createdAt: CreatedAt;
}

/**
 * What a row of login_attempt counts: a password login, a request for a reset link, or a download
 * of the citizen's data package (migration account_deletion).
 */
export type LoginAttemptKind = 'login' | 'reset' | 'export';

export interface LoginAttemptTable {
	id: ColumnType<number, never, never>;
	kind: ColumnType<LoginAttemptKind, LoginAttemptKind | undefined, never>;
	emailLower: string;
	ip: string;
	succeeded: boolean;
	at: DefaultedTimestamp;
}

export type UserTokenPurpose = 'verify-email' | 'reset-password' | 'invite';

export interface UserTokenTable {
	/** SHA-256 hex of the token; the token itself is only ever in the e-mail. */
	id: string;
	userId: string;
	purpose: UserTokenPurpose;
	expiresAt: Timestamp;
	usedAt: Timestamp | null;
	createdAt: CreatedAt;
}

/** A named inbox filter of one staff member: the query string of the inbox URL. */
export interface SavedFilterTable {
	id: Generated<string>;
	userId: string;
	name: string;
	query: string;
	createdAt: CreatedAt;
}

export interface ReplyTemplateTable {
	id: Generated<string>;
	/** null: offered for every process. */
	processId: string | null;
	title: string;
	bodyNl: string;
	bodyEn: ColumnType<string, string | undefined, string>;
	bodyFr: ColumnType<string, string | undefined, string>;
	createdBy: string | null;
	createdAt: CreatedAt;
	updatedBy: string | null;
	updatedAt: ColumnType<Date, Date | undefined, Date>;
}

/** The server's VAPID key pair (base64url, as web-push makes them); one row only. */
export interface PushVapidKeyTable {
	id: ColumnType<boolean, boolean | undefined, never>;
	publicKey: string;
	privateKey: string;
	/** The contact the push services see in the VAPID token: mailto: or https:. */
	subject: string;
	createdAt: CreatedAt;
}

/** A browser's push subscription: of an account (userId) or of a guest's dossier (dossierId). */
export interface PushSubscriptionTable {
	id: Generated<string>;
	endpoint: string;
	p256dh: string;
	auth: string;
	userId: string | null;
	dossierId: string | null;
	language: Generated<Locale>;
	createdAt: CreatedAt;
	/** The last failed delivery to this browser, if the last one failed. */
	lastError: string | null;
}

export type ApiScope = 'read' | 'write';

/** A credential of another system (mid-office, document management); only its hash is kept. */
export interface ApiTokenTable {
	id: Generated<string>;
	name: string;
	tokenHash: string;
	/** The first characters of the token, to recognise it in lists. */
	prefix: string;
	scopes: ColumnType<ApiScope[], ApiScope[], ApiScope[]>;
	/** null: every process; else only dossiers of these processes. */
	processIds: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
	createdBy: string | null;
	createdAt: CreatedAt;
	lastUsedAt: Timestamp | null;
	revokedAt: Timestamp | null;
	revokedBy: string | null;
}

/** One call made with a token: the API's audit trail, and what the rate limit counts. */
/** The Idempotency-Key of a POST /dossiers, per token, and the dossier it made. */
export interface ApiIdempotencyTable {
	tokenId: string;
	key: string;
	requestHash: string;
	dossierId: string;
	createdAt: CreatedAt;
}

export interface ApiCallTable {
	id: ColumnType<number, never, never>;
	tokenId: string;
	tokenName: string;
	method: string;
	path: string;
	status: number;
	dossierId: string | null;
	at: DefaultedTimestamp;
}

export type WebhookEventType =
	| 'dossier.created'
	| 'dossier.transitioned'
	| 'message.created'
	| 'payment.received'
	| 'document.issued';

/** An address another system gave us for events, with the secret deliveries are signed with. */
export interface WebhookTable {
	id: Generated<string>;
	name: string;
	url: string;
	events: ColumnType<string[], string[], string[]>;
	secret: string;
	active: Generated<boolean>;
	createdBy: string | null;
	createdAt: CreatedAt;
	updatedAt: DefaultedTimestamp;
	deletedAt: Timestamp | null;
}

/** One event for one webhook; its id is the delivery id every attempt carries. */
export interface WebhookDeliveryTable {
	id: Generated<string>;
	webhookId: string;
	eventType: string;
	payload: Json<Record<string, unknown>>;
	status: ColumnType<
		'pending' | 'delivered' | 'failed',
		'pending' | 'delivered' | 'failed' | undefined,
		'pending' | 'delivered' | 'failed'
	>;
	attempts: Generated<number>;
	lastStatusCode: number | null;
	lastError: string | null;
	createdAt: CreatedAt;
	lastAttemptAt: Timestamp | null;
	deliveredAt: Timestamp | null;
}

/** A department (service) of the municipality: see migration 2026_12_06_0010. */
export interface DepartmentTable {
	id: Generated<string>;
	name: string;
	/** The one where new processes and new staff land. */
	isDefault: Generated<boolean>;
	createdAt: CreatedAt;
}

export interface DepartmentMemberTable {
	departmentId: string;
	userId: string;
}

export interface ProcessDepartmentTable {
	processId: string;
	departmentId: string;
}

/** When a member of staff last opened a dossier (migration 2026_12_06_0011). */
export interface DossierSeenTable {
	dossierId: string;
	userId: string;
	seenAt: Date;
}

/** The day a member of staff's daily e-mail was queued (migration 2026_12_06_0013). */
export interface StaffDigestTable {
	userId: string;
	day: CalendarDate;
	sentAt: Generated<Date>;
}

/** What one dossier owes and has paid, in euro cents (migration 2026_12_08_0001). */
export interface PaymentTable {
	id: Generated<string>;
	dossierId: string;
	amountDueCents: number;
	amountPaidCents: Generated<number>;
	/** The 12 digits of the Belgian structured reference (OGM/VCS). */
	structuredReference: string;
	due: 'filing' | 'decision';
	state: Generated<'unpaid' | 'partly' | 'paid'>;
	createdAt: Generated<Date>;
	paidAt: Date | null;
}

/** One credit line of an imported bank statement (CODA); matched to a payment or not (yet). */
export interface BankLineTable {
	id: Generated<string>;
	lineKey: string;
	account: string;
	statementNumber: number;
	sequenceNumber: number;
	detailNumber: number;
	entryDate: CalendarDate;
	valueDate: CalendarDate | null;
	amountCents: number;
	counterpartyName: Generated<string>;
	counterpartyAccount: Generated<string>;
	communication: Generated<string>;
	structuredReference: string | null;
	fileName: string;
	importedBy: string | null;
	importedAt: Generated<Date>;
	paymentId: string | null;
	matchedAt: Date | null;
}

/** One look at a dossier by staff or the API (migration 2026_12_09_0001): append-only. */
export interface AccessLogTable {
	id: ColumnType<number, never, never>;
	at: DefaultedTimestamp;
	action: AccessAction;
	userId: string | null;
	tokenId: string | null;
	/** The member of staff's name (or e-mail) or the token's name, as it was then. */
	actorName: string;
	dossierId: string;
	attachmentId: string | null;
	documentId: string | null;
}

/** One row: raised (and NOTIFY loket_catalogue sent) by a trigger when the catalogue may differ. */
export interface CatalogueRevisionTable {
	id: Generated<boolean>;
	revision: Generated<number>;
}

/** When each periodic job last ran, on any worker of any machine. */
export interface PeriodicJobTable {
	name: string;
	lastRunAt: Date;
}

export interface Database {
	appUser: AppUserTable;
	userSession: UserSessionTable;
	oidcIdentity: OidcIdentityTable;
	oidcFlow: OidcFlowTable;
	oidcLogoutToken: OidcLogoutTokenTable;
	process: ProcessTable;
	processVersion: ProcessVersionTable;
	processEvent: ProcessEventTable;
	dossierTally: DossierTallyTable;
	dossierFiledTally: DossierFiledTallyTable;
	dossierHandledTally: DossierHandledTallyTable;
	referenceCounter: ReferenceCounterTable;
	dossier: DossierTable;
	dossierEvent: DossierEventTable;
	message: MessageTable;
	attachment: AttachmentTable;
	documentRequest: DocumentRequestTable;
	outbox: OutboxTable;
	formDraft: FormDraftTable;
	draftFile: DraftFileTable;
	loginAttempt: LoginAttemptTable;
	userToken: UserTokenTable;
	savedFilter: SavedFilterTable;
	replyTemplate: ReplyTemplateTable;
	pushVapidKey: PushVapidKeyTable;
	pushSubscription: PushSubscriptionTable;
	apiToken: ApiTokenTable;
	apiCall: ApiCallTable;
	apiIdempotency: ApiIdempotencyTable;
	webhook: WebhookTable;
	webhookDelivery: WebhookDeliveryTable;
	department: DepartmentTable;
	departmentMember: DepartmentMemberTable;
	processDepartment: ProcessDepartmentTable;
	dossierSeen: DossierSeenTable;
	staffDigest: StaffDigestTable;
	payment: PaymentTable;
	bankLine: BankLineTable;
	outgoingDocument: OutgoingDocumentTable;
	accessLog: AccessLogTable;
	catalogueRevision: CatalogueRevisionTable;
	periodicJob: PeriodicJobTable;
	retentionRun: RetentionRunTable;
	retentionRunDossier: RetentionRunDossierTable;
	retentionPendingFile: RetentionPendingFileTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type Dossier = Selectable<DossierTable>;
export type OutgoingDocument = Selectable<OutgoingDocumentTable>;
export type NewDossier = Insertable<DossierTable>;
export type DossierUpdate = Updateable<DossierTable>;
export type ProcessVersion = Selectable<ProcessVersionTable>;
export type ProcessEvent = Selectable<ProcessEventTable>;
export type DossierEvent = Selectable<DossierEventTable>;
export type Payment = Selectable<PaymentTable>;
export type BankLine = Selectable<BankLineTable>;
export type NewBankLine = Insertable<BankLineTable>;
export type FormDraft = Selectable<FormDraftTable>;
export type DraftFile = Selectable<DraftFileTable>;
export type UserSession = Selectable<UserSessionTable>;
export type OidcFlow = Selectable<OidcFlowTable>;
export type Message = Selectable<MessageTable>;
export type Attachment = Selectable<AttachmentTable>;
export type DocumentRequest = Selectable<DocumentRequestTable>;
export type UserToken = Selectable<UserTokenTable>;
export type SavedFilter = Selectable<SavedFilterTable>;
export type ReplyTemplate = Selectable<ReplyTemplateTable>;
export type StoredPushSubscription = Selectable<PushSubscriptionTable>;
export type ApiToken = Selectable<ApiTokenTable>;
export type { AccessAction };
export type ApiCall = Selectable<ApiCallTable>;
export type AccessLogEntry = Selectable<AccessLogTable>;
export type RetentionRun = Selectable<RetentionRunTable>;
export type NewAccessLogEntry = Insertable<AccessLogTable>;
export type Webhook = Selectable<WebhookTable>;
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;
export type Department = Selectable<DepartmentTable>;
