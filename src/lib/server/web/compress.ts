// Compression of the pages and data the server renders: Brotli where the browser accepts it, else
// gzip. A mobile page of 40 kB of HTML becomes 8 kB, which on a slow connection is most of the
// time to first paint. Built assets are compressed once at build time by the adapter and served
// as they are; this handles what SvelteKit makes per request. Streamed responses (a page whose
// data arrives later, a CSV export) stay streamed: every chunk is flushed as it comes.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import {
	constants,
	createBrotliCompress,
	createGzip,
	type BrotliCompress,
	type Gzip
} from 'node:zlib';
import type { Handle } from '@sveltejs/kit';

/** Below this many bytes compressing costs more than it saves. */
const MIN_BYTES = 1024;

const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|manifest\+json|problem\+json)|image\/svg\+xml)/;

export type Encoding = 'br' | 'gzip';

/** The encoding to use for an Accept-Encoding header, or null for none. */
export function chooseEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		accepted.set(name.trim(), q ? Number(q.slice(2)) : 1);
	}
	const wants = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
	if (wants('br')) return 'br';
	if (wants('gzip')) return 'gzip';
	return null;
}

/** Whether a response is worth compressing: a body of a textual type, not encoded already. */
export function isCompressible(request: Request, response: Response): boolean {
	if (!response.body || request.method === 'HEAD') return false;
	if (response.status < 200 || response.status === 204 || response.status === 206) return false;
	if (response.headers.has('content-encoding')) return false;
	const type = response.headers.get('content-type') ?? '';
	if (!COMPRESSIBLE.test(type)) return false;
	// Event streams must reach the browser as they are written, unbuffered.
	if (type.startsWith('text/event-stream')) return false;
	const length = response.headers.get('content-length');
	return length === null || Number(length) >= MIN_BYTES;
}

function compressor(encoding: Encoding): BrotliCompress | Gzip {
	return encoding === 'br'
		? createBrotliCompress({
				// Quality 5 compresses HTML nearly as well as 11 at a fraction of the CPU.
				params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
				flush: constants.BROTLI_OPERATION_FLUSH
			})
		: createGzip({ level: 6, flush: constants.Z_SYNC_FLUSH });
}

/** The response compressed with `encoding`, its other headers and status kept. */
export function compressResponse(response: Response, encoding: Encoding): Response {
	const source = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
	const compressed = source.pipe(compressor(encoding));
	source.on('error', (error) => compressed.destroy(error));
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	// A strong validator names the bytes sent; compressed bytes differ from the original.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	headers.append('vary', 'Accept-Encoding');
	return new Response(Readable.toWeb(compressed) as unknown as ReadableStream<Uint8Array>, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

export const compress: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// A load's fetch to our own endpoints is answered in memory and read as it is: never encoded.
	if (event.isSubRequest || !isCompressible(event.request, response)) return response;
	const encoding = chooseEncoding(event.request.headers.get('accept-encoding'));
	if (encoding) return compressResponse(response, encoding);
	response.headers.append('vary', 'Accept-Encoding');
	return response;
};
