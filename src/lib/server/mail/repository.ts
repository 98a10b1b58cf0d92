// Kysely queries the mailer needs beyond the dossier itself. No rules here: see service.ts.

import type { Executor } from '../db/executor';

/** Who wrote a message and whether the citizen may see it; never its body. */
export async function findMessageMeta(db: Executor, id: string) {
	return db
		.selectFrom('message')
		.select(['id', 'dossierId', 'authorRole', 'internal'])
		.where('id', '=', id)
		.executeTakeFirst();
}
