import type { ParamMatcher } from '@sveltejs/kit';
import { isUuid } from '$lib/uuid';

// Route folders named `[id=uuid]` match only a UUID; anything else is the site's 404 page.
export const match: ParamMatcher = (param) => isUuid(param);
