import { json } from '@sveltejs/kit';
import { buildOpenApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document: public, like the reference page made from it. */
export const GET: RequestHandler = ({ url }) =>
	json(buildOpenApiDocument(url.origin), { headers: { 'cache-control': 'public, max-age=300' } });
