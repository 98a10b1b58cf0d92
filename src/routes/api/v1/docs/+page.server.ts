import { buildOpenApiDocument } from '$lib/server/api/openapi';
import { describeReference } from '$lib/server/api/reference';
import { RATE_LIMIT } from '$lib/server/api/tokens';
import type { PageServerLoad } from './$types';

/** The API reference: public (no token needed), made from the same document as openapi.json. */
export const load: PageServerLoad = ({ url }) => ({
	reference: describeReference(buildOpenApiDocument(url.origin)),
	rateLimit: RATE_LIMIT
});
