// Compression of the pages and data the server renders: Brotli where the browser accepts it, else
// gzip. A mobile page of 40 kB of HTML becomes 8 kB, which on a slow connection is most of the
// time to first paint. Built assets are compressed once at build time by the adapter and served
// as they are; this handles what SvelteKit makes per request. Streamed responses (a page whose
// data arrives later, a CSV export) stay streamed: every chunk is flushed as it comes.
//
// What it costs (issue 21, measured with tests/bench/cpu.ts and the numbers in the README): a
// page that is the same for everyone (the catalogue, a product page, the form's JSON: no session,
// no draft) is compressed once at the best setting and its bytes kept, keyed by the SHA-256 of
// what was rendered, so the next visitor costs a hash and a lookup. A page made for one person is
// compressed per request at a setting chosen by measuring bytes against CPU (PER_REQUEST below).
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createHash } from 'node:crypto';
import {
	brotliCompressSync,
	constants,
	createBrotliCompress,
	createGzip,
	gzipSync,
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

/**
 * Per request (pages made for one person): Brotli at quality 4 with a 64 kB window (lgwin 16, as
 * big as our pages, so a smaller, cheaper window loses nothing), which on our 20–35 kB pages sends
 * within a few per cent of quality 5's bytes at about half its CPU; gzip level 6 beside it costs
 * more and sends more (README, "Capacity": the table).
 */
const PER_REQUEST = { brQuality: 4, brWindow: 16, gzipLevel: 6 };
/** Once for many visitors: the best the encoders do, whatever it costs. */
const ONCE = { brQuality: 11, brWindow: 22, gzipLevel: 9 };

function compressor(encoding: Encoding): BrotliCompress | Gzip {
	return encoding === 'br'
		? createBrotliCompress({
				params: {
					[constants.BROTLI_PARAM_QUALITY]: PER_REQUEST.brQuality,
					[constants.BROTLI_PARAM_LGWIN]: PER_REQUEST.brWindow,
					[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
				},
				flush: constants.BROTLI_OPERATION_FLUSH
			})
		: createGzip({ level: PER_REQUEST.gzipLevel, flush: constants.Z_SYNC_FLUSH });
}

function compressBytes(
	bytes: Uint8Array,
	encoding: Encoding,
	setting: { brQuality: number; brWindow: number; gzipLevel: number }
): Buffer {
	return encoding === 'br'
		? brotliCompressSync(bytes, {
				params: {
					[constants.BROTLI_PARAM_QUALITY]: setting.brQuality,
					[constants.BROTLI_PARAM_LGWIN]: setting.brWindow,
					[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
					[constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
				}
			})
		: gzipSync(bytes, { level: setting.gzipLevel });
}

/**
 * Compressed bytes of responses that are the same for everyone, by encoding and SHA-256 of the
 * rendered bytes, the least recently used dropped first beyond MAX_CACHED_BYTES. A page changes
 * (a new catalogue, another language) and gets a new key; the old one ages out.
 */
const MAX_CACHED_BYTES = 16 * 1024 * 1024;
const compressedCache = new Map<string, Buffer>();
let cachedBytes = 0;

export function compressedOnce(bytes: Uint8Array, encoding: Encoding): Buffer {
	const key = `${encoding}:${createHash('sha256').update(bytes).digest('base64')}`;
	const hit = compressedCache.get(key);
	if (hit) {
		compressedCache.delete(key);
		compressedCache.set(key, hit);
		return hit;
	}
	const compressed = compressBytes(bytes, encoding, ONCE);
	compressedCache.set(key, compressed);
	cachedBytes += compressed.length;
	for (const [old, value] of compressedCache) {
		if (cachedBytes <= MAX_CACHED_BYTES) break;
		compressedCache.delete(old);
		cachedBytes -= value.length;
	}
	return compressed;
}

/**
 * Whether the whole body is known and the same for anyone who asks: a page kit rendered at once
 * (it gives those, and only those, a strong ETag of their content; a streamed page has none) or a
 * body of known length, with no cookie set and nothing personal in it (the security headers mark
 * a response for a signed-in user or a guest with a form under way with Loket-Personal).
 */
export function isSharedWhole(response: Response): boolean {
	const h = response.headers;
	return isWhole(response) && !h.has('set-cookie') && !h.has('loket-personal');
}

/** Whether the whole body is known at once (see isSharedWhole), personal or not. */
export function isWhole(response: Response): boolean {
	const h = response.headers;
	return (h.get('etag')?.startsWith('"') ?? false) || h.has('content-length');
}

function encodedHeaders(response: Response, encoding: Encoding): Headers {
	const headers = new Headers(response.headers);
	headers.set('content-encoding', encoding);
	headers.delete('content-length');
	// A strong validator names the bytes sent; compressed bytes differ from the original.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	headers.append('vary', 'Accept-Encoding');
	return headers;
}

/** A whole response's body compressed by `compress`, its status and other headers kept. */
async function compressBody(
	response: Response,
	encoding: Encoding,
	compress: (bytes: Uint8Array) => Buffer
): Promise<Response> {
	const compressed = compress(new Uint8Array(await response.arrayBuffer()));
	const headers = encodedHeaders(response, encoding);
	headers.set('content-length', String(compressed.length));
	return new Response(new Uint8Array(compressed), {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/** A shared, whole response compressed once for all who ask (see compressedOnce). */
export function compressShared(response: Response, encoding: Encoding): Promise<Response> {
	return compressBody(response, encoding, (bytes) => compressedOnce(bytes, encoding));
}

/**
 * A whole page made for one person, compressed in one call: a compression stream costs far more
 * to set up and flush than the compressing itself (0.72 ms against 0.27 ms of CPU for a 24 kB form
 * page at Brotli 4, measured), and its output reaches the socket in one write instead of many.
 */
export function compressWhole(response: Response, encoding: Encoding): Promise<Response> {
	return compressBody(response, encoding, (bytes) => compressBytes(bytes, encoding, PER_REQUEST));
}

/** The response compressed with `encoding` as it streams, its other headers and status kept. */
export function compressResponse(response: Response, encoding: Encoding): Response {
	const source = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
	const compressed = source.pipe(compressor(encoding));
	source.on('error', (error) => compressed.destroy(error));
	const headers = encodedHeaders(response, encoding);
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
	if (encoding)
		return isSharedWhole(response)
			? compressShared(response, encoding)
			: isWhole(response)
				? compressWhole(response, encoding)
				: compressResponse(response, encoding);
	response.headers.append('vary', 'Accept-Encoding');
	return response;
};
