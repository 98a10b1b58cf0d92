// How a stored file leaves the server: always as a download, with the type we sniffed when it was
// uploaded (never one the uploader gave), nosniff, and a sandboxing CSP in case a browser renders
// it anyway: an uploaded HTML, SVG or polyglot file cannot run script on our origin.
import { mediaTypes } from '$lib/process/fields/file';
import { cleanFileName } from './upload';

const servable: readonly string[] = mediaTypes;

/**
 * A file as a download that no browser will render in the page: bytes in hand (a PDF made for a
 * preview), or a stored file streamed from the file store without holding it in memory.
 */
export function fileResponse(
	file: { name: string; type: string } & (
		{ bytes: Uint8Array } | { size: number; body: ReadableStream<Uint8Array> }
	)
): Response {
	const type = servable.includes(file.type) ? file.type : 'application/octet-stream';
	// Cleaned again: rows stored before names were cleaned on upload get the same treatment.
	const name = cleanFileName(file.name, type);
	const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
	// RFC 8187: encodeURIComponent leaves ' ( ) unescaped, which are not allowed there.
	const utf8 = encodeURIComponent(name).replace(
		/['()]/g,
		(c) => `%${c.charCodeAt(0).toString(16)}`
	);
	const body = 'bytes' in file ? Buffer.from(file.bytes) : file.body;
	const size = 'bytes' in file ? file.bytes.byteLength : file.size;
	return new Response(body, {
		headers: {
			'content-length': String(size),
			'content-type': type,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
			'content-security-policy': "default-src 'none'; sandbox",
			'x-content-type-options': 'nosniff',
			'cross-origin-resource-policy': 'same-origin',
			'cache-control': 'private, no-store'
		}
	});
}
