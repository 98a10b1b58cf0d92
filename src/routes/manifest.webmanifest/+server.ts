import { json } from '@sveltejs/kit';
import { getSiteSettings } from '$lib/server/settings';
import type { RequestHandler } from './$types';

/** The web app manifest, with the municipality's name: installable as "<name> · Loket". */
export const GET: RequestHandler = ({ setHeaders }) => {
	const { municipalityName } = getSiteSettings();
	setHeaders({ 'cache-control': 'public, max-age=3600' });
	return json(
		{
			name: `${municipalityName} · Digitaal loket`,
			short_name: municipalityName.length <= 12 ? municipalityName : 'Loket',
			description: `Aanvragen, meldingen en attesten van ${municipalityName}, en hun opvolging.`,
			lang: 'nl',
			dir: 'ltr',
			start_url: '/',
			scope: '/',
			id: '/',
			display: 'standalone',
			theme_color: '#1d4f91',
			background_color: '#ffffff',
			icons: [
				{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
				{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
				{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
			]
		},
		{ headers: { 'content-type': 'application/manifest+json; charset=utf-8' } }
	);
};
