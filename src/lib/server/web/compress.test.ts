import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	chooseEncoding,
	compressedOnce,
	compressResponse,
	compressShared,
	compressWhole,
	isCompressible,
	isSharedWhole,
	isWhole
} from './compress';

const html = `<!doctype html><html><body>${'<p>Aanvraag ingediend.</p>'.repeat(200)}</body></html>`;
const get = new Request('http://127.0.0.1/');

describe('chooseEncoding', () => {
	it('prefers Brotli, falls back to gzip, honours q=0 and a wildcard', () => {
		expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
		expect(chooseEncoding('gzip, deflate')).toBe('gzip');
		expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(chooseEncoding('identity')).toBeNull();
		expect(chooseEncoding('*')).toBe('br');
		expect(chooseEncoding('*, br;q=0')).toBe('gzip');
		expect(chooseEncoding(null)).toBeNull();
	});
});

describe('isCompressible', () => {
	const response = (body: string | null, headers: Record<string, string>, status = 200) =>
		new Response(body, { status, headers });
	it('compresses HTML, JSON and CSV of some size only', () => {
		expect(isCompressible(get, response(html, { 'content-type': 'text/html' }))).toBe(true);
		expect(isCompressible(get, response('{}', { 'content-type': 'application/json' }))).toBe(true);
		expect(
			isCompressible(get, response('{}', { 'content-type': 'text/csv', 'content-length': '2' }))
		).toBe(false);
		expect(isCompressible(get, response('x', { 'content-type': 'application/pdf' }))).toBe(false);
		expect(isCompressible(get, response('x', { 'content-type': 'image/png' }))).toBe(false);
	});
	it('leaves encoded, empty, HEAD and event-stream responses alone', () => {
		const type = { 'content-type': 'text/html' };
		expect(isCompressible(get, response(html, { ...type, 'content-encoding': 'br' }))).toBe(false);
		expect(isCompressible(get, response(null, type, 204))).toBe(false);
		expect(isCompressible(new Request(get, { method: 'HEAD' }), response(html, type))).toBe(false);
		expect(isCompressible(get, response(html, { 'content-type': 'text/event-stream' }))).toBe(
			false
		);
	});
});

describe('compressResponse', () => {
	it('sends the same bytes, smaller, with the headers a cache needs', async () => {
		const original = new Response(html, {
			status: 201,
			headers: { 'content-type': 'text/html', 'content-length': '5400', etag: '"abc"' }
		});
		const br = compressResponse(original, 'br');
		expect(br.status).toBe(201);
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('content-length')).toBeNull();
		expect(br.headers.get('vary')).toBe('Accept-Encoding');
		expect(br.headers.get('etag')).toBe('W/"abc"');
		const bytes = Buffer.from(await br.arrayBuffer());
		expect(bytes.length).toBeLessThan(html.length / 10);
		expect(brotliDecompressSync(bytes).toString()).toBe(html);

		const gz = compressResponse(
			new Response(html, { headers: { 'content-type': 'text/html' } }),
			'gzip'
		);
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(html);
	});

	it('passes each chunk of a streamed body on as it comes', async () => {
		let push!: (text: string) => void;
		let end!: () => void;
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				push = (text) => controller.enqueue(new TextEncoder().encode(text));
				end = () => controller.close();
			}
		});
		const gz = compressResponse(
			new Response(body, { headers: { 'content-type': 'text/csv' } }),
			'gzip'
		);
		const reader = gz.body!.getReader();
		push('referentie;status\n');
		// The first chunk arrives (flushed) before the stream ends.
		const first = await reader.read();
		expect(first.done).toBe(false);
		expect(first.value!.length).toBeGreaterThan(0);
		push('2026-0001;ontvangen\n');
		end();
		const chunks = [first.value!];
		for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
		expect(gunzipSync(Buffer.concat(chunks)).toString()).toBe(
			'referentie;status\n2026-0001;ontvangen\n'
		);
	});
});

describe('compressShared', () => {
	const page = (headers: Record<string, string>, text = html) =>
		new Response(text, { headers: { 'content-type': 'text/html', ...headers } });

	it('compresses a page that is the same for everyone once, and keeps the bytes', async () => {
		const first = await compressShared(page({ etag: '"p1"' }), 'br');
		expect(first.headers.get('content-encoding')).toBe('br');
		expect(first.headers.get('etag')).toBe('W/"p1"');
		expect(first.headers.get('vary')).toBe('Accept-Encoding');
		const bytes = Buffer.from(await first.arrayBuffer());
		expect(first.headers.get('content-length')).toBe(String(bytes.length));
		expect(brotliDecompressSync(bytes).toString()).toBe(html);
		// The same rendered bytes again: the very same compressed buffer, not compressed anew.
		const body = new TextEncoder().encode(html);
		expect(compressedOnce(body, 'br')).toBe(compressedOnce(body, 'br'));
		expect(compressedOnce(body, 'gzip')).not.toBe(compressedOnce(body, 'br'));
		// Other bytes, another entry.
		const other = await compressShared(page({ etag: '"p2"' }, `${html}<p>anders</p>`), 'gzip');
		expect(gunzipSync(Buffer.from(await other.arrayBuffer())).toString()).toBe(
			`${html}<p>anders</p>`
		);
	});

	it('keeps personal, cookie-setting and streamed responses out of the shared cache', () => {
		expect(isSharedWhole(page({ etag: '"a"' }))).toBe(true);
		expect(isSharedWhole(page({ 'content-length': '5400' }))).toBe(true);
		expect(isSharedWhole(page({ etag: '"a"', 'loket-personal': '1' }))).toBe(false);
		expect(isSharedWhole(page({ etag: '"a"', 'set-cookie': 'x=1' }))).toBe(false);
		// A streamed page has no ETag and no length.
		expect(isSharedWhole(page({}))).toBe(false);
		expect(isSharedWhole(page({ etag: 'W/"a"' }))).toBe(false);
	});
});

describe('compressWhole', () => {
	it('compresses a whole personal page in one go, with its length, each time anew', async () => {
		const personal = (text: string) =>
			new Response(text, {
				headers: {
					'content-type': 'text/html',
					etag: '"me"',
					'loket-personal': '1',
					'set-cookie': 'draft=1'
				}
			});
		expect(isWhole(personal(html))).toBe(true);
		expect(isSharedWhole(personal(html))).toBe(false);
		const br = await compressWhole(personal(html), 'br');
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(br.headers.get('etag')).toBe('W/"me"');
		expect(br.headers.get('set-cookie')).toBe('draft=1');
		const bytes = Buffer.from(await br.arrayBuffer());
		expect(br.headers.get('content-length')).toBe(String(bytes.length));
		expect(brotliDecompressSync(bytes).toString()).toBe(html);
		const mine = `${html}<p>Mijn concept</p>`;
		const gz = await compressWhole(personal(mine), 'gzip');
		expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(mine);
	});
});
