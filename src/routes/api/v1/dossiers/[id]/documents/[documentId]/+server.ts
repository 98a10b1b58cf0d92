import { serve } from '$lib/server/api/serve';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve('getDocument', event);
