// "Mijn gegevens": what Loket holds about one signed-in person, gathered from the account itself
// and never from what a request names: the account and how they sign in, their dossiers as they
// see them (answers, files, messages, the public timeline), their unfiled drafts, their
// preferences (daily e-mail, push per browser) and their active sessions. The same gathering
// feeds the page and the downloadable package (my-data-package.ts), so the two never disagree.
import { summarizeAnswers, type AnswerSection } from '$lib/process/answers/display';
import type { AnswerMap } from '$lib/process/answers/values';
import type { ProcessDefinition } from '$lib/process/definition';
import type { Locale } from '$lib/process/text';
import { displayWords } from '$lib/i18n/answers';
import type { MyDataView } from '$lib/views/my-data';
import type { IssuedDocumentView } from '$lib/views/dossier';
import { canTakeDossiers } from '../auth/policies';
import type { SessionUser } from '../auth/repository';
import { getDb, type Db } from '../db';
import type { Attachment, Dossier } from '../db/schema';
import * as dossierRepo from '../dossiers/repository';
import * as views from '../dossiers/views';
import type { Provider } from '../oidc/config';
import * as oidcRepo from '../oidc/repository';
import * as processes from '../processes/service';
import * as repo from './my-data-repository';

type CitizenView = Awaited<ReturnType<typeof views.viewForCitizen>>;

/** One dossier as its owner may see it, with the stored rows of the files they may see. */
export type OwnDossier = {
	dossier: Dossier;
	view: CitizenView;
	sections: AnswerSection[];
	/** Files filed with the request or sent with a message the citizen sees (not internal ones). */
	files: Attachment[];
	documents: IssuedDocumentView[];
};

export type MyData = {
	account: NonNullable<Awaited<ReturnType<typeof repo.findAccount>>>;
	identities: { provider: string; createdAt: Date; lastSignInAt: Date }[];
	dossiers: OwnDossier[];
	drafts: (Awaited<ReturnType<typeof repo.listOpenDrafts>>[number] & {
		definition: ProcessDefinition;
	})[];
	push: Awaited<ReturnType<typeof repo.listPushSubscriptions>>;
	sessions: Awaited<ReturnType<typeof repo.listSessions>>;
};

/** Everything Loket holds about this account; null when it is closed (nothing to show). */
export async function collect(
	user: Pick<SessionUser, 'id'>,
	locale: Locale,
	db: Db = getDb(),
	now = new Date()
): Promise<MyData | null> {
	const account = await repo.findAccount(db, user.id);
	if (!account || account.deletedAt) return null;
	const [rows, identities, drafts, push, sessions] = await Promise.all([
		repo.listOwnedDossiers(db, user.id),
		oidcRepo.listIdentities(db, user.id),
		repo.listOpenDrafts(db, user.id),
		repo.listPushSubscriptions(db, user.id),
		repo.listSessions(db, user.id, now)
	]);
	const words = displayWords(locale);
	const dossiers: OwnDossier[] = [];
	// One dossier at a time: a person with many dossiers does not open many connections at once.
	for (const dossier of rows) {
		const [view, attachments] = await Promise.all([
			views.viewForCitizen(dossier, db),
			dossierRepo.listAttachments(db, dossier.id)
		]);
		const visible = new Set([
			...view.filedFiles.map((f) => f.id),
			...view.timeline.flatMap((e) => (e.kind === 'message' ? e.files.map((f) => f.id) : []))
		]);
		dossiers.push({
			dossier,
			view,
			sections: summarizeAnswers(view.definition, view.answers as AnswerMap, locale, words),
			files: attachments.filter((a) => visible.has(a.id)),
			documents: view.documents
		});
	}
	const withDefinitions = await Promise.all(
		drafts.map(async (d) => ({
			...d,
			definition: await processes.getVersion(d.processId, d.processVersion, db)
		}))
	);
	return { account, identities, dossiers, drafts: withDefinitions, push, sessions };
}

/** The push service a browser's subscription goes through: the part of it that names a device. */
export function pushService(endpoint: string): string {
	try {
		return new URL(endpoint).hostname;
	} catch {
		return '?';
	}
}

/** The newest sign-in still on record: a session's start or a provider's last sign-in. */
function lastSignIn(data: MyData): Date | null {
	const times = [
		...data.sessions.map((s) => s.createdAt.getTime()),
		...data.identities.map((i) => i.lastSignInAt.getTime())
	];
	return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** What the page shows. `currentSessionId` marks this browser's session. */
export function toView(
	data: MyData,
	providers: Pick<Provider, 'id' | 'label'>[],
	currentSessionId: string | null
): MyDataView {
	const label = (id: string) => providers.find((p) => p.id === id)?.label ?? { nl: id };
	const { account } = data;
	return {
		account: {
			email: account.email,
			name: account.name,
			verified: account.emailVerifiedAt !== null,
			createdAt: account.createdAt,
			lastSignInAt: lastSignIn(data),
			hasPassword: Boolean(account.hasPassword),
			identities: data.identities.map((i) => ({
				provider: i.provider,
				label: label(i.provider),
				linkedAt: i.createdAt,
				lastSignInAt: i.lastSignInAt
			}))
		},
		dossiers: data.dossiers.map(({ view }) => ({
			reference: view.reference,
			title: view.title,
			state: view.state,
			submittedAt: view.submittedAt,
			dueDate: view.dueDate,
			closedAt: view.closedAt
		})),
		files: data.dossiers.flatMap(({ view, files }) =>
			files.map((f) => ({
				reference: view.reference,
				name: f.fileName,
				size: f.sizeBytes,
				type: f.mediaType
			}))
		),
		messages: data.dossiers.flatMap(({ view }) =>
			view.timeline.flatMap((e) =>
				e.kind === 'message' && !e.internal
					? [{ reference: view.reference, at: e.at, from: e.from, body: e.body }]
					: []
			)
		),
		drafts: data.drafts.map((d) => ({
			title: d.definition.title,
			updatedAt: d.updatedAt,
			expiresAt: d.expiresAt,
			files: d.files.length
		})),
		digest: canTakeDossiers({ roles: account.roles }) ? account.digest : null,
		push: data.push.map((p) => ({
			service: pushService(p.endpoint),
			language: p.language,
			createdAt: p.createdAt
		})),
		sessions: data.sessions.map((s) => ({
			createdAt: s.createdAt,
			expiresAt: s.expiresAt,
			provider: s.provider ? label(s.provider) : null,
			assurance: s.assurance,
			current: s.id === currentSessionId
		}))
	};
}
