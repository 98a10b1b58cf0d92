// Legal hold: staff who may handle a dossier stop its destruction, with a reason (a dispute, an
// inquiry, a request under the law on open government), and lift it again. Both are audited on
// the dossier; the database refuses to destroy a dossier on hold (destroy_dossier) and to hold a
// destroyed one. The caller has found the dossier for this member of staff (their department).
import type { SessionUser } from '../auth/session';
import { getDb, type Db } from '../db';
import * as dossierRepo from '../dossiers/repository';
import * as repo from './repository';

export type HoldResult = { ok: true } | { ok: false; reason: 'already' | 'not-held' | 'destroyed' };

async function change(
	dossierId: string,
	user: SessionUser,
	hold: { reason: string } | null,
	now: Date,
	db: Db
): Promise<HoldResult> {
	return db.transaction().execute(async (trx) => {
		const dossier = await dossierRepo.lockById(trx, dossierId);
		if (!dossier || dossier.destroyedAt) return { ok: false, reason: 'destroyed' } as const;
		const changed = await repo.setHold(
			trx,
			dossierId,
			hold ? { at: now, reason: hold.reason, by: user.id } : null
		);
		if (!changed) return { ok: false, reason: hold ? 'already' : 'not-held' } as const;
		await dossierRepo.insertEvent(trx, {
			dossierId,
			type: hold ? 'legal-hold' : 'legal-hold-lifted',
			actorId: user.id,
			note: hold?.reason ?? dossier.legalHoldReason,
			visibility: 'internal',
			data: hold ? { reason: hold.reason } : { reason: dossier.legalHoldReason }
		});
		return { ok: true } as const;
	});
}

/** Puts the dossier on legal hold with a reason (trimmed, not empty: the form checks). */
export function placeHold(
	dossierId: string,
	user: SessionUser,
	reason: string,
	now = new Date(),
	db: Db = getDb()
): Promise<HoldResult> {
	return change(dossierId, user, { reason: reason.trim() }, now, db);
}

export function liftHold(
	dossierId: string,
	user: SessionUser,
	now = new Date(),
	db: Db = getDb()
): Promise<HoldResult> {
	return change(dossierId, user, null, now, db);
}

export type HoldStatus = {
	held: { since: Date; reason: string; by: string | null } | null;
	destroyedAt: Date | null;
};

/** Whether the dossier is on hold (since when, why, by whom) or destroyed. */
export async function getHoldStatus(dossierId: string, db: Db = getDb()): Promise<HoldStatus> {
	const row = await repo.findHold(db, dossierId);
	return {
		held:
			row?.legalHoldAt && row.legalHoldReason
				? {
						since: row.legalHoldAt,
						reason: row.legalHoldReason,
						by: row.heldByName || row.heldByEmail || null
					}
				: null,
		destroyedAt: row?.destroyedAt ?? null
	};
}
