// use:enhance for the public account forms (read with superValidate on the server, without
// superforms' client on the page: ./answer.ts says why): after a post the password field is
// emptied (as after a full page load, where the server never sends it back) and the attempt is
// counted, so the error summary takes the focus again. Where the server sends the person on (after
// signing in or registering), the browser loads that address itself: the return address may be
// an endpoint such as /p/<id>/aanvragen, which the client-side router cannot render.
import type { SubmitFunction } from '@sveltejs/kit';

export function clearPasswordsAfter(onAttempt: () => void): SubmitFunction {
	return () =>
		async ({ result, update, formElement }) => {
			if (result.type === 'redirect') {
				location.assign(result.location);
				return;
			}
			for (const input of formElement.querySelectorAll('input[type="password"]'))
				if (input instanceof HTMLInputElement) input.value = '';
			await update();
			onAttempt();
		};
}
