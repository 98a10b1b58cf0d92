import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { isLocale } from '$lib/i18n';
import { start, stopOnShutdown } from '$lib/server/startup';

export const init: ServerInit = async () => {
	// The build runs the server to prerender; it must not open the database.
	if (building) return;
	await start();
	stopOnShutdown();
};

const language: Handle = async ({ event, resolve }) => {
	const chosen = event.cookies.get('lang');
	event.locals.locale = isLocale(chosen) ? chosen : 'nl';
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(self), geolocation=(self), microphone=()');
	return response;
};

export const handle = sequence(language, securityHeaders);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'Not found' };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: 'Internal error', errorId };
};
