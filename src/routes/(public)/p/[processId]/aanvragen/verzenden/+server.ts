import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/i18n';
import type { AnswerMap } from '$lib/process/answers';
import { writeDraftToken, readDraftToken } from '$lib/server/web/draft-cookie';
import { receiveFromDevice } from '$lib/server/filing/device';
import { signedInNow, signInFirst, signInPath } from '$lib/server/web/sign-in-level';
import { serverAnswerOptions } from '$lib/server/filing/options';
import * as processes from '$lib/server/processes/service';
import { getFileStorage } from '$lib/server/files';
import { MAX_FILES_PER_REQUEST } from '$lib/server/files/upload';
import type { RequestHandler } from './$types';

const upload = z.object({
	mode: z.enum(['save', 'submit']),
	submissionId: z.uuid().nullable(),
	answers: z.record(z.string(), z.unknown()),
	version: z
		.string()
		.regex(/^[1-9]\d{0,8}$/)
		.transform(Number)
		.nullable()
});

/**
 * Where a device sends what it kept while offline: to continue online, or its queued submission.
 * Answers JSON: `{ status: 'filed', reference, receipt }`, `{ status: 'saved', next }`, or 422
 * `{ status: 'incomplete', next, issues }` (the page to fix online), 401 when login is needed, 409
 * `{ status: 'unknown-version' }` for a submission filled in for a version never published (the
 * device then continues it online, under the current version).
 */
export const POST: RequestHandler = async ({ params, request, cookies, locals }) => {
	const product = await processes.findProduct(params.processId);
	if (!product) error(404, 'Not found');
	const signIn = signInFirst(locals, product.definition, `/p/${params.processId}/aanvragen`);
	if (signIn) return json({ status: 'login', next: signIn }, { status: 401 });
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		error(413, m.requestTooLarge());
	}
	let answers: unknown;
	try {
		answers = JSON.parse(String(form.get('answers') ?? ''));
	} catch {
		error(400, 'answers is not JSON');
	}
	const parsed = upload.safeParse({
		mode: form.get('mode'),
		submissionId: form.get('submissionId') || null,
		answers,
		version: form.get('version') || null
	});
	if (!parsed.success) error(400, 'Malformed upload');
	const files = new Map<string, File>();
	for (const [name, value] of form.entries())
		if (name.startsWith('file:') && typeof value !== 'string') files.set(name.slice(5), value);
	if (files.size > MAX_FILES_PER_REQUEST) error(400, 'Too many files');

	const result = await receiveFromDevice(
		{
			processId: params.processId,
			token: readDraftToken(cookies, params.processId),
			ownerId: locals.user?.id ?? null,
			language: locals.locale,
			signedIn: signedInNow(locals)
		},
		{ ...parsed.data, answers: parsed.data.answers as AnswerMap, files },
		{ storage: getFileStorage(), opts: serverAnswerOptions(locals.locale) }
	);
	if (result.kind === 'notFound') error(404, 'Not found');
	if (result.kind === 'unknownVersion')
		return json(
			{ status: 'unknown-version', next: `/p/${params.processId}/aanvragen` },
			{ status: 409 }
		);
	if (result.token) writeDraftToken(cookies, params.processId, result.token);
	const apply = `/p/${params.processId}/aanvragen`;
	if (result.kind === 'login')
		return json({ status: 'login', next: signInPath(apply, result.needs) }, { status: 401 });
	switch (result.kind) {
		case 'filed':
			return json({
				status: 'filed',
				reference: result.reference,
				// The receipt page finds the dossier through the draft cookie this response set.
				receipt: result.token ? `${apply}/ontvangen` : null
			});
		case 'saved':
			return json({ status: 'saved', next: `${apply}/${result.step}` });
		case 'incomplete':
			return json(
				{ status: 'incomplete', next: `${apply}/${result.step}`, issues: result.issues },
				{ status: 422 }
			);
	}
};
