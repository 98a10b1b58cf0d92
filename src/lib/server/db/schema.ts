// The Database interface Kysely checks every query against: one entry per table, in camelCase
// (the CamelCasePlugin maps to the snake_case columns of the migrations).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '$lib/process/workflow';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A `date` column: read and written as 'YYYY-MM-DD'. */
type CalendarDate = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, T, T>;
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
	updatedAt: Generated<Timestamp>;
}

export interface UserSessionTable {
	id: string;
	userId: string;
	expiresAt: Timestamp;
	createdAt: CreatedAt;
}

export interface ProcessTable {
	id: string;
	createdAt: CreatedAt;
	retiredAt: Timestamp | null;
}

export type ProcessVersionStatus = 'draft' | 'published' | 'retired';
export type ProcessVersionSource = 'library' | 'builder' | 'import';

export interface ProcessVersionTable {
	processId: string;
	version: number;
	status: ProcessVersionStatus;
	source: ProcessVersionSource;
	definition: Json<unknown>;
	createdBy: string | null;
	createdAt: CreatedAt;
	publishedAt: Timestamp | null;
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
	language: Generated<'nl' | 'en'>;
	ownerId: string | null;
	guestTokenHash: string | null;
	applicantName: Generated<string>;
	applicantEmail: string | null;
	assigneeId: string | null;
	submissionId: string;
	submittedAt: CreatedAt;
	dueDate: CalendarDate | null;
	closedAt: Timestamp | null;
	version: Generated<number>;
	updatedAt: Generated<Timestamp>;
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
	createdAt: CreatedAt;
}

export interface OutboxTable {
	id: ColumnType<number, never, never>;
	kind: string;
	payload: Json<Record<string, unknown>>;
	attempts: Generated<number>;
	nextAttemptAt: Generated<Timestamp>;
	lastError: string | null;
	createdAt: CreatedAt;
	processedAt: Timestamp | null;
}

export interface Database {
	appUser: AppUserTable;
	userSession: UserSessionTable;
	process: ProcessTable;
	processVersion: ProcessVersionTable;
	referenceCounter: ReferenceCounterTable;
	dossier: DossierTable;
	dossierEvent: DossierEventTable;
	message: MessageTable;
	attachment: AttachmentTable;
	outbox: OutboxTable;
}

export type AppUser = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type Dossier = Selectable<DossierTable>;
export type NewDossier = Insertable<DossierTable>;
export type DossierUpdate = Updateable<DossierTable>;
export type ProcessVersion = Selectable<ProcessVersionTable>;
export type DossierEvent = Selectable<DossierEventTable>;
