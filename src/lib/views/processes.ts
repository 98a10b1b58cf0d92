// What the clerk's process pages show: the processes with their versions, and the change log.
// Built by the process services, read by the components.
import type { LocalText } from '$lib/process/text';

export type ProcessVersionStatus = 'draft' | 'published' | 'retired';
export type ProcessVersionSource = 'library' | 'builder' | 'import';

export type VersionSummary = {
	version: number;
	status: ProcessVersionStatus;
	source: ProcessVersionSource;
	createdAt: Date;
	publishedAt: Date | null;
	revision: number;
	dossiers: number;
	/** The version new filings use. */
	current: boolean;
};

export type ProcessSummary = {
	id: string;
	title: LocalText;
	retiredAt: Date | null;
	/** The version new filings use; null when retired or never published. */
	currentVersion: number | null;
	draftVersion: number | null;
	/** Newest first. */
	versions: VersionSummary[];
};

export type ProcessEvent = {
	id: number;
	at: Date;
	type: string;
	version: number | null;
	/** Who did it; null for the system (e.g. the library import). */
	actor: string | null;
	/** For 'draft-saved' and 'published': `changes`, a Change[]. */
	data: Record<string, unknown>;
};
