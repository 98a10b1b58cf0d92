// What "Mijn gegevens" shows a signed-in person of what Loket holds about them: plain data built
// by the service (src/lib/server/users/my-data.ts), read by the page's components.
import type { AssuranceLevel } from '$lib/process/assurance';
import type { LocalText, Locale } from '$lib/process/text';
import type { StateView } from './dossier';

export type MyAccountView = {
	email: string;
	name: string;
	verified: boolean;
	createdAt: Date;
	/** The newest sign-in Loket still knows of (a session's start, a provider's last sign-in). */
	lastSignInAt: Date | null;
	/** Whether the account has a password (an account made through a provider may have none). */
	hasPassword: boolean;
	identities: { provider: string; label: LocalText; linkedAt: Date; lastSignInAt: Date }[];
};

export type MyDossierView = {
	reference: string;
	title: LocalText;
	state: StateView;
	submittedAt: Date;
	dueDate: string | null;
	closedAt: Date | null;
};

export type MyFileView = { reference: string; name: string; size: number; type: string };

export type MyMessageView = {
	reference: string;
	at: Date;
	from: 'citizen' | 'staff' | 'system';
	body: string;
};

export type MyDraftView = {
	title: LocalText;
	updatedAt: Date;
	expiresAt: Date;
	files: number;
};

export type MySessionView = {
	createdAt: Date;
	expiresAt: Date;
	/** The provider's name; null: signed in with the password. */
	provider: LocalText | null;
	assurance: AssuranceLevel;
	current: boolean;
};

export type MyPushView = { service: string; language: Locale; createdAt: Date };

export type MyDataView = {
	account: MyAccountView;
	dossiers: MyDossierView[];
	files: MyFileView[];
	messages: MyMessageView[];
	drafts: MyDraftView[];
	/** Staff only: the daily e-mail of what asks for them; null for a citizen. */
	digest: boolean | null;
	push: MyPushView[];
	sessions: MySessionView[];
};
