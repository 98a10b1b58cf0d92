// The server's handles (hooks.server.ts) one inside the other as plain calls, in place of kit's
// `sequence`. `sequence` gives each handle its own async context, tracing span and page-chunk
// wrapper on every request; with our ten handles that was up to a quarter of a form page's CPU
// (issue 21, bench:cpu: 3.2 → 2.3 ms at a load average of 1–2, within the noise at 2.5–4).
// Options given to `resolve` are merged as `sequence` merges them: the page-chunk transforms of
// inner handles run first. Only `transformPageChunk` is merged, the one option our handles give;
// another option is refused rather than lost.
import type { Handle, ResolveOptions } from '@sveltejs/kit';

export function chain(...handles: Handle[]): Handle {
	return ({ event, resolve }) => {
		const next =
			(i: number, outer?: ResolveOptions): typeof resolve =>
			(e, options) => {
				const merged = mergeOptions(outer, options);
				return i === handles.length
					? resolve(e, merged)
					: handles[i]({ event: e, resolve: next(i + 1, merged) });
			};
		return next(0)(event);
	};
}

function mergeOptions(outer?: ResolveOptions, inner?: ResolveOptions): ResolveOptions | undefined {
	for (const o of [outer, inner])
		if (o && (o.preload || o.filterSerializedResponseHeaders))
			throw new Error('chain() merges transformPageChunk only');
	const first = inner?.transformPageChunk;
	const then = outer?.transformPageChunk;
	if (!first) return outer ?? inner;
	if (!then) return inner;
	return {
		transformPageChunk: async (input) => then({ ...input, html: (await first(input)) ?? '' })
	};
}
