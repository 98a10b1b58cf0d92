// How a stored file leaves the server: always as a download with its sniffed type, never rendered
// in the page (an uploaded HTML or SVG file cannot run script on our origin).
/** A file as a download that no browser will render in the page. */
export function fileResponse(file: { name: string; type: string; bytes: Uint8Array }): Response {
	const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(Buffer.from(file.bytes), {
		headers: {
			'content-type': file.type,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
}
