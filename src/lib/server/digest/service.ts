// Staff alerts (issue 20, item 4): what asks for a member of staff's attention, among the dossiers
// assigned to them: newly given to them (by someone else, since their last daily e-mail, or the
// last day), a citizen who replied since they last opened the dossier, and handling due within two
// working days (or already overdue). The back-office shows the counts in its header and on the
// inbox (`alertsFor`); every morning from 07:00 (Brussels) the maintenance run queues one e-mail
// per person with anything to tell, once a day (`queueDueDigests`), unless they switched it off
// on their account page (`setDigest`).
import { sql, type ExpressionBuilder } from 'kysely';
import { addWorkingDays, toIsoDate } from '$lib/process/calendar';
import { getDb, type Db } from '../db';
import type { Executor } from '../db/executor';
import type { Database } from '../db/schema';
import * as outbox from '../outbox/repository';

const TIME_ZONE = 'Europe/Brussels';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The hour (Brussels) from which the day's e-mail goes out. */
export const DIGEST_HOUR = 7;
/** "Due soon": due on or before this many working days from today. */
export const DUE_SOON_WORKING_DAYS = 2;

export type AlertDossier = { id: string; reference: string };
export type Alerts = { assigned: AlertDossier[]; replied: AlertDossier[]; due: AlertDossier[] };

type Eb = ExpressionBuilder<Database & { d: Database['dossier'] }, 'd'>;

/**
 * The three kinds of attention as conditions on `dossier as d` (the person's own open dossiers):
 * one place for the rules, used by the list for the e-mail and by the counts for the inbox.
 */
function attention(userId: string, since: Date, now: Date) {
	const dueBy = addWorkingDays(toIsoDate(now, TIME_ZONE), DUE_SOON_WORKING_DAYS);
	return {
		/** Given to them by someone else (or by a rule) since `since`. */
		assigned: (eb: Eb) =>
			eb.exists(
				eb
					.selectFrom('dossierEvent as e')
					.select('e.id')
					.whereRef('e.dossierId', '=', 'd.id')
					.where('e.type', '=', 'assigned')
					.where('e.at', '>', since)
					.where((or) => or.or([or('e.actorId', 'is', null), or('e.actorId', '!=', userId)]))
			),
		/** A citizen's message they have not seen (since they last opened the dossier). */
		replied: () =>
			sql<boolean>`exists (select 1 from message msg where msg.dossier_id = d.id
				and msg.author_role = 'citizen' and msg.created_at > coalesce((select s.seen_at
				from dossier_seen s where s.dossier_id = d.id and s.user_id = d.assignee_id),
				'-infinity'))`,
		/** Handling due within two working days, or overdue, with the clock running. */
		due: (eb: Eb) =>
			eb.and([
				eb('d.clockPausedAt', 'is', null),
				eb('d.dueDate', 'is not', null),
				eb('d.dueDate', '<=', dueBy)
			])
	};
}

function ownOpen(db: Executor, userId: string) {
	return db
		.selectFrom('dossier as d')
		.where('d.assigneeId', '=', userId)
		.where('d.closedAt', 'is', null);
}

/** The dossiers that ask for this person's attention now (see the top of this file). */
export async function collect(
	db: Executor,
	userId: string,
	since: Date,
	now: Date
): Promise<Alerts> {
	const when = attention(userId, since, now);
	const mine = ownOpen(db, userId).select(['d.id', 'd.reference']).orderBy('d.reference');
	const [assigned, replied, due] = await Promise.all([
		mine.where(when.assigned).execute(),
		mine.where(when.replied).execute(),
		mine.where(when.due).execute()
	]);
	return { assigned, replied, due };
}

/** The counts for the back-office's header and inbox (since the last day), in one query. */
export async function alertsFor(
	userId: string,
	db: Db = getDb(),
	now = new Date()
): Promise<{ assigned: number; replied: number; due: number }> {
	const when = attention(userId, new Date(now.getTime() - DAY_MS), now);
	const counts = await ownOpen(db, userId)
		.select((eb) => [
			eb.fn.countAll<string>().filterWhere(when.assigned(eb)).as('assigned'),
			eb.fn.countAll<string>().filterWhere(when.replied()).as('replied'),
			eb.fn.countAll<string>().filterWhere(when.due(eb)).as('due')
		])
		.executeTakeFirstOrThrow();
	return {
		assigned: Number(counts.assigned),
		replied: Number(counts.replied),
		due: Number(counts.due)
	};
}

/**
 * Queues today's e-mail for every member of staff who wants it and has something in it, once a
 * day: from DIGEST_HOUR on, a person without a row for today gets one, written with the mail's
 * outbox row in one transaction (the primary key keeps a second instance from sending it twice).
 * Returns how many were queued.
 */
export async function queueDueDigests(db: Db = getDb(), now = new Date()): Promise<number> {
	const hour = Number(
		new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: TIME_ZONE })
			.formatToParts(now)
			.find((p) => p.type === 'hour')?.value
	);
	if (hour < DIGEST_HOUR) return 0;
	const today = toIsoDate(now, TIME_ZONE);
	const people = await db
		.selectFrom('appUser as u')
		.select(['u.id', 'u.email', 'u.name'])
		.where('u.digest', '=', true)
		.where('u.deletedAt', 'is', null)
		.where(sql<boolean>`'staff' = any(u.roles)`)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('staffDigest as s')
						.select('s.userId')
						.whereRef('s.userId', '=', 'u.id')
						.where('s.day', '=', today)
				)
			)
		)
		.execute();
	let queued = 0;
	for (const person of people) {
		const last = await db
			.selectFrom('staffDigest')
			.select((eb) => eb.fn.max('sentAt').as('at'))
			.where('userId', '=', person.id)
			.executeTakeFirst();
		const since = last?.at ? new Date(last.at) : new Date(now.getTime() - DAY_MS);
		const alerts = await collect(db, person.id, since, now);
		if (alerts.assigned.length + alerts.replied.length + alerts.due.length === 0) continue;
		const sent = await db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('staffDigest')
				.values({ userId: person.id, day: today, sentAt: now })
				.onConflict((oc) => oc.doNothing())
				.returning('userId')
				.executeTakeFirst();
			if (!row) return false;
			await outbox.insertOutbox(trx, 'staff-digest', {
				userId: person.id,
				email: person.email,
				name: person.name,
				day: today,
				...alerts
			});
			return true;
		});
		if (sent) queued++;
	}
	return queued;
}

/** Switches a person's daily e-mail on or off. */
export async function setDigest(userId: string, on: boolean, db: Db = getDb()): Promise<void> {
	await db.updateTable('appUser').set({ digest: on }).where('id', '=', userId).execute();
}

export async function wantsDigest(userId: string, db: Db = getDb()): Promise<boolean> {
	const row = await db
		.selectFrom('appUser')
		.select('digest')
		.where('id', '=', userId)
		.executeTakeFirst();
	return row?.digest ?? false;
}
