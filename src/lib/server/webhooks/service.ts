// Webhooks: addresses that admins register so that other systems hear of dossier events. A webhook
// has a name, an https address, the events it wants and a signing secret that is shown to the
// admin once (when made, and when rotated). Deleting is soft: the delivery log stays, and
// deliveries still queued are dropped. Every delivery, test events too, goes through the outbox.
import { getDb, type Db } from '../db';
import type { Webhook } from '../db/schema';
import { isUuid } from '$lib/uuid';
import { isWebhookEvent, queueDelivery, TEST_EVENT, type WebhookEvent } from './events';
import * as repo from './repository';
import { generateSecret } from './signing';
import { checkWebhookUrl, type UrlProblem } from './url';

export const MAX_NAME_LENGTH = 200;
export const DELIVERY_LOG_SIZE = 50;

export type WebhookInput = { name: string; url: string; events: string[]; active?: boolean };
export type WebhookIssues = {
	name?: 'required' | 'too-long';
	url?: UrlProblem;
	events?: 'required' | 'unknown';
};
export type WebhookView = Omit<Webhook, 'secret' | 'deletedAt' | 'createdBy'> & {
	events: WebhookEvent[];
};

function toView(w: Webhook): WebhookView {
	return {
		id: w.id,
		name: w.name,
		url: w.url,
		events: w.events.filter(isWebhookEvent),
		active: w.active,
		createdAt: w.createdAt,
		updatedAt: w.updatedAt
	};
}

/** The input cleaned, or what is wrong with it, field by field. */
export function checkInput(
	input: WebhookInput
):
	| { ok: true; value: { name: string; url: string; events: WebhookEvent[] } }
	| { ok: false; issues: WebhookIssues } {
	const name = input.name.trim();
	const url = input.url.trim();
	const issues: WebhookIssues = {};
	if (!name) issues.name = 'required';
	else if (name.length > MAX_NAME_LENGTH) issues.name = 'too-long';
	const urlProblem = checkWebhookUrl(url);
	if (urlProblem) issues.url = urlProblem;
	if (input.events.length === 0) issues.events = 'required';
	else if (!input.events.every(isWebhookEvent)) issues.events = 'unknown';
	if (Object.keys(issues).length > 0) return { ok: false, issues };
	const events = [...new Set(input.events)].filter(isWebhookEvent);
	return { ok: true, value: { name, url, events } };
}

export type CreateResult =
	{ ok: true; webhook: WebhookView; secret: string } | { ok: false; issues: WebhookIssues };

export async function create(
	actorId: string | null,
	input: WebhookInput,
	db: Db = getDb()
): Promise<CreateResult> {
	const checked = checkInput(input);
	if (!checked.ok) return checked;
	const secret = generateSecret();
	const webhook = await repo.insertWebhook(db, { ...checked.value, secret, createdBy: actorId });
	return { ok: true, webhook: toView(webhook), secret };
}

export async function list(db: Db = getDb()) {
	const rows = await repo.listWebhooks(db);
	return rows.map((r) => ({ ...r, events: r.events.filter(isWebhookEvent) }));
}

/** A webhook that is not deleted, or null. */
export async function find(id: string, db: Db = getDb()): Promise<WebhookView | null> {
	if (!isUuid(id)) return null;
	const webhook = await repo.findWebhook(db, id);
	return webhook ? toView(webhook) : null;
}

export type UpdateResult =
	| { ok: true; webhook: WebhookView }
	| { ok: false; reason: 'not-found' }
	| { ok: false; reason: 'invalid'; issues: WebhookIssues };

export async function update(
	id: string,
	input: WebhookInput,
	db: Db = getDb(),
	now = new Date()
): Promise<UpdateResult> {
	if (!(await find(id, db))) return { ok: false, reason: 'not-found' };
	const checked = checkInput(input);
	if (!checked.ok) return { ok: false, reason: 'invalid', issues: checked.issues };
	const updated = await repo.updateWebhook(
		db,
		id,
		{ ...checked.value, active: input.active ?? true },
		now
	);
	return updated ? { ok: true, webhook: toView(updated) } : { ok: false, reason: 'not-found' };
}

/** A new secret; the old one stops working at once. Null when there is no such webhook. */
export async function rotateSecret(
	id: string,
	db: Db = getDb(),
	now = new Date()
): Promise<string | null> {
	if (!isUuid(id)) return null;
	const secret = generateSecret();
	const updated = await repo.updateWebhook(db, id, { secret }, now);
	return updated ? secret : null;
}

/** Soft delete: the webhook gets nothing more; its log stays in the database. */
export async function remove(id: string, db: Db = getDb(), now = new Date()): Promise<boolean> {
	if (!isUuid(id)) return false;
	return repo.softDeleteWebhook(db, id, now);
}

export async function listDeliveries(id: string, db: Db = getDb()) {
	if (!isUuid(id)) return [];
	return repo.listDeliveries(db, id, DELIVERY_LOG_SIZE);
}

/** Queues a `webhook.test` event for this webhook alone. Null when there is no such webhook. */
export async function sendTestEvent(
	id: string,
	db: Db = getDb(),
	now = new Date()
): Promise<string | null> {
	const webhook = await find(id, db);
	if (!webhook) return null;
	return db
		.transaction()
		.execute((trx) =>
			queueDelivery(
				trx,
				webhook.id,
				TEST_EVENT,
				{ webhookId: webhook.id, message: 'Testgebeurtenis van Loket / Loket test event' },
				now
			)
		);
}
