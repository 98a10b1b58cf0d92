// What a dossier page shows, as the server hands it to the components: plain data, no
// definitions or database rows. Services build these shapes; components only read them, so they
// live here, where both may import them (components may not import server modules).
import type { AnswerSection } from '$lib/process/answers';
import type { RequestKind } from '$lib/process/taxonomy';
import type { LocalText } from '$lib/process/text';
import type { WorkflowState } from '$lib/process/workflow';
import type { IntakeChannel } from './intake';
import type { PaymentState, PaymentView } from './payment';

/** Who did it, in the timeline, when it was the citizen without an account (a guest). */
export const GUEST_ACTOR = 'guest';

/** Who did it, in the timeline, when a bank statement paid the dossier and Loket moved it on. */
export const PAYMENT_ACTOR = 'payment';

export type StateView = { label: LocalText; text: LocalText; kind: WorkflowState['kind'] };

export type FileView = { id: string; name: string; size: number; type: string };

/**
 * A document the municipality issued (a decision, certificate, permit or refusal letter): what the
 * dossier pages list and link to. `sha256` lets anyone check the file they hold.
 */
export type IssuedDocumentView = {
	id: string;
	title: string;
	kind: 'decision' | 'certificate' | 'permit' | 'refusal';
	fileName: string;
	size: number;
	sha256: string;
	sealed: boolean;
	issuedAt: Date;
};

/** A document the municipality asked the citizen for, and whether it came. */
export type RequestView = { id: string; label: string; fulfilled: boolean };

export type TimelineEntry =
	/** `channel`: how staff received it, when they filed it for the citizen (an intake). */
	| { kind: 'submitted'; at: Date; actor: string | null; channel: IntakeChannel | null }
	| {
			kind: 'state';
			at: Date;
			label: LocalText;
			fromLabel: LocalText | null;
			actor: string | null;
			note: string | null;
	  }
	| {
			kind: 'message';
			at: Date;
			from: 'citizen' | 'staff' | 'system';
			author: string | null;
			internal: boolean;
			body: string;
			files: FileView[];
			requested: RequestView[];
	  }
	| { kind: 'assigned'; at: Date; assignee: string | null; actor: string | null }
	/** Staff only: handed over to another department, with the note that says why. */
	| { kind: 'handed-over'; at: Date; to: string; note: string | null; actor: string | null }
	/** A fee fell due (`requested`), or a bank statement paid (part of) it. */
	| {
			kind: 'payment';
			at: Date;
			received: boolean;
			amountCents: number;
			state: PaymentState | null;
			actor: string | null;
	  }
	/** The municipality issued a document (its title). */
	| { kind: 'document'; at: Date; title: string; actor: string | null }
	| { kind: 'other'; at: Date; type: string; actor: string | null };

/** A workflow step staff may take from the dossier's state. */
export type StaffAction = {
	id: string;
	label: LocalText;
	toLabel: LocalText;
	requiresNote: boolean;
	notifyCitizen: boolean;
	asksCitizen: boolean;
};

/** A refusal shown at its field: the field's name and the message in the user's language. */
/**
 * A dossier filed for an enterprise (migration on_behalf): the enterprise as the identity provider
 * named it, and who acted for it. `by` is null once the dossier was destroyed (a tombstone names
 * no one; the enterprise stays).
 */
export type OnBehalfView = {
	/** 10 digits. */
	kbo: string;
	/** As written: 0123.456.749. */
	kboFormatted: string;
	name: string;
	by: string | null;
	role: string | null;
};

export type FormError = { name: string; message: string };

/** The limits of a citizen's reply, shown beside the form. */
export type ReplyLimits = {
	maxLength: number;
	maxFiles: number;
	maxFileMb: number;
	accepted: string;
};

/** The citizen's page of one dossier (owner's and guest's alike). */
export type CitizenDossierData = {
	reference: string;
	title: LocalText;
	/** An application or a report: the words the pages use for it. */
	requestKind: RequestKind;
	submittedAt: Date;
	dueDate: string | null;
	pausedSince: Date | null;
	closedAt: Date | null;
	state: StateView;
	actionNeeded: boolean;
	canReply: boolean;
	withdraw: { id: string; label: LocalText; requiresNote: boolean }[];
	/** What the dossier owes and how to pay it; null when it owes nothing (yet). */
	payment: PaymentView | null;
	/** For which enterprise it was filed, and by whom; null when for the owner themselves. */
	onBehalfOf: OnBehalfView | null;
	sections: AnswerSection[];
	filedFiles: (FileView & { fieldKey: string | null })[];
	timeline: TimelineEntry[];
	openRequests: RequestView[];
	/** Documents the municipality issued for the dossier. */
	documents: IssuedDocumentView[];
	/** A fresh id per rendering of the reply form: the same reply sent twice is stored once. */
	replyId: string;
	limits: ReplyLimits;
};
