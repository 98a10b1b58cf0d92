// The account page's daily e-mail form as superforms reads it: one checkbox, on or off (an
// unticked box is not posted, and reads as off).
import { z } from 'zod';

export const digestSchema = z.object({ digest: z.boolean() });
