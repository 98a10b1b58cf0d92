// The zod schema of citizen-facing text in a definition: Dutch required, English and French optional.
// Separate from text.ts so browser code that only localizes never loads the schema library.
import { z } from 'zod';
import type { LocalText } from './text';

export const localText: z.ZodType<LocalText> = z
	.strictObject({
		nl: z.string().trim().min(1, 'Dutch text (nl) is required'),
		en: z.string().trim().min(1, 'English text (en) may not be empty').optional(),
		fr: z.string().trim().min(1, 'French text (fr) may not be empty').optional()
	})
	.meta({ description: 'Text shown to people: Dutch required, English and French optional' });
