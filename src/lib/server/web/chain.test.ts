import type { Handle, RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { chain } from './chain';

const event = { url: new URL('http://localhost/p') } as unknown as RequestEvent;

/** Runs the chain with a resolve that applies the options' page-chunk transform to `html`. */
async function run(handle: Handle, html = '<html lang="%lang%">') {
	const calls: ResolveOptions[] = [];
	const response = await handle({
		event,
		resolve: async (_e, options) => {
			calls.push(options ?? {});
			const page = options?.transformPageChunk
				? await options.transformPageChunk({ html, done: true })
				: html;
			return new Response(page);
		}
	});
	return { text: await response.text(), status: response.status, calls };
}

describe('chain: handles one inside the other, as plain calls', () => {
	it('runs the handles in order, each around the next', async () => {
		const order: string[] = [];
		const named =
			(name: string): Handle =>
			async ({ event, resolve }) => {
				order.push(`${name} in`);
				const response = await resolve(event);
				order.push(`${name} out`);
				return response;
			};
		await run(chain(named('a'), named('b'), named('c')));
		expect(order).toEqual(['a in', 'b in', 'c in', 'c out', 'b out', 'a out']);
	});

	it('lets a handle answer without going further in', async () => {
		let reached = false;
		const refuse: Handle = () => new Response('nee', { status: 403 });
		const inner: Handle = ({ event, resolve }) => {
			reached = true;
			return resolve(event);
		};
		const { text, status, calls } = await run(chain(refuse, inner));
		expect([text, status, reached, calls.length]).toEqual(['nee', 403, false, 0]);
	});

	it('keeps a page-chunk transform given by an outer handle when inner ones give none', async () => {
		const language: Handle = ({ event, resolve }) =>
			resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', 'fr') });
		const plain: Handle = ({ event, resolve }) => resolve(event);
		const empty: Handle = ({ event, resolve }) => resolve(event, {});
		expect((await run(chain(plain, language, plain, empty))).text).toBe('<html lang="fr">');
	});

	it('runs the inner handle’s transform first, then the outer one’s, as sequence does', async () => {
		const outer: Handle = ({ event, resolve }) =>
			resolve(event, { transformPageChunk: ({ html }) => `${html}|outer` });
		const inner: Handle = ({ event, resolve }) =>
			resolve(event, { transformPageChunk: ({ html }) => `${html}|inner` });
		expect((await run(chain(outer, inner), 'page')).text).toBe('page|inner|outer');
	});

	it('refuses an option it would not pass on', async () => {
		const preload: Handle = ({ event, resolve }) => resolve(event, { preload: () => true });
		await expect(run(chain(preload))).rejects.toThrow('merges transformPageChunk only');
	});
});
