import { json } from '@sveltejs/kit';
import * as health from '$lib/server/health/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const result = await health.check();
	return json(result, { status: result.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
