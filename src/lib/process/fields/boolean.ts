// Yes/no answers. `consent` is one checkbox (required means it must be ticked: a declaration on
// honour, agreeing to terms); `yesNo` is a question answered with two radio buttons.
import { z } from 'zod';
import { inputBase } from './common';

export const consentField = z.strictObject({
	type: z.literal('consent'),
	...inputBase
});

export const yesNoField = z.strictObject({
	type: z.literal('yesNo'),
	...inputBase
});
