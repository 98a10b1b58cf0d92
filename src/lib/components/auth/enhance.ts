// use:enhance for the account forms: after a post the password field is emptied (as
// after a full page load, where the server never sends it back) and the attempt is counted, so
// the error summary takes the focus again.
import type { SubmitFunction } from '@sveltejs/kit';

export function clearPasswordsAfter(onAttempt: () => void): SubmitFunction {
	return () =>
		async ({ update, formElement }) => {
			for (const input of formElement.querySelectorAll('input[type="password"]'))
				if (input instanceof HTMLInputElement) input.value = '';
			await update();
			onAttempt();
		};
}
