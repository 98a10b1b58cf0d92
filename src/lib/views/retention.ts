// What the back-office's retention page shows (`/backoffice/bewaring`): dossiers falling due,
// past runs, the dossiers they destroyed or archived, and the holds.
export type RetentionActionView = 'destroy' | 'archive';

export type UpcomingView = {
	id: string;
	reference: string;
	processId: string;
	status: string;
	dueAt: Date;
	action: RetentionActionView;
	selectionRule: string;
	onHold: boolean;
};

export type RunView = {
	id: string;
	day: string;
	finishedAt: Date | null;
	destroyed: number;
	archived: number;
	held: number;
	failed: number;
};

export type RetiredView = {
	dossierId: string;
	reference: string;
	processId: string;
	status: string;
	action: RetentionActionView;
	at: Date;
	selectionRule: string;
};

export type HoldView = {
	id: string;
	reference: string;
	processId: string;
	since: Date;
	reason: string;
	by: string | null;
};
