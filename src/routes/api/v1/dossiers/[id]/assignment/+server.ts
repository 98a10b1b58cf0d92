import { serve } from '$lib/server/api/serve';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => serve('assignDossier', event);
