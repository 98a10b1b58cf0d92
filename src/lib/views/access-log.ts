// The access log as pages show it: what kind of look a line records, and one line of a dossier's
// log (see $lib/server/access-log).

export const accessActions = [
	'dossier.viewed',
	'file.downloaded',
	'file.previewed',
	'document.downloaded',
	'dossiers.exported',
	'api.dossier.read',
	'api.file.downloaded',
	'api.document.downloaded',
	'api.dossiers.listed',
	'access-log.exported'
] as const;

export type AccessAction = (typeof accessActions)[number];

/** One line of a dossier's access log. */
export type AccessEntryView = {
	id: number;
	at: Date;
	action: AccessAction;
	/** The member of staff's name or the token's name, as it was then. */
	actor: string;
	viaApi: boolean;
	/** The file's name or the document's title, for a download. */
	subject: string | null;
};

/** The latest lines of a dossier's log (or all of them), and how many it has. */
export type AccessLogView = { entries: AccessEntryView[]; total: number; all: boolean };
