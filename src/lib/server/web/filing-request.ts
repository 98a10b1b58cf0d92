// The draft (and, once filed, the dossier) a request is about: found through the draft cookie of
// this process and the signed-in user, the same way on every step of the form.
import type { Cookies } from '@sveltejs/kit';
import type { Dossier } from '../db/schema';
import * as dossiers from '../dossiers/service';
import * as drafts from '../drafts/service';
import { readDraftToken } from './draft-cookie';

type RequestLike = { params: { processId: string }; cookies: Cookies; locals: App.Locals };

export async function findRequestDraft(event: RequestLike) {
	const token = readDraftToken(event.cookies, event.params.processId);
	const ownerId = event.locals.user?.id ?? null;
	const view = await drafts.findDraft({ processId: event.params.processId, token, ownerId });
	return view && token ? { view, token } : null;
}

/** The filed dossier of this request's draft, with the token that follows it; null otherwise. */
export async function findRequestReceipt(
	event: RequestLike
): Promise<{ view: drafts.DraftView; dossier: Dossier; token: string } | null> {
	const found = await findRequestDraft(event);
	const dossier = found ? await dossiers.findSubmitted(found.view) : null;
	return found && dossier ? { ...found, dossier } : null;
}
