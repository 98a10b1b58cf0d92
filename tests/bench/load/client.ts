// The load client: one undici Pool of keep-alive connections per target, and per virtual user a
// cookie jar, as a browser without JavaScript would use them (form posts with an Origin header,
// redirects not followed: each request is one measured step).
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';

export type Reply = { status: number; location: string | null; body: string };

/** Form fields as a browser posts them; a file is a name, a media type and its bytes. */
export type Fields = Record<string, string | { filename: string; type: string; bytes: Buffer }>;

export class Target {
	readonly pool: Pool;
	constructor(
		readonly base: string,
		connections: number
	) {
		this.pool = new Pool(base, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
	}
	close(): Promise<void> {
		return this.pool.close();
	}
}

/** multipart/form-data, written out: the body a browser sends for a form with a file input. */
export function encodeMultipart(fields: Fields): { body: Buffer; type: string } {
	const boundary = `----loket-load-${randomUUID()}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		const head =
			typeof value === 'string'
				? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`
				: `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type}\r\n\r\n`;
		parts.push(Buffer.from(head), typeof value === 'string' ? Buffer.from(value) : value.bytes);
		parts.push(Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** The same fields as a FormData, for `fetch`. */
export function formData(fields: Fields): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields))
		if (typeof value === 'string') form.set(name, value);
		else
			form.set(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.filename);
	return form;
}

/** One virtual user: their cookies, sent with every request to one target. */
export class Session {
	private readonly jar = new Map<string, string>();
	constructor(readonly target: Target) {}

	get(path: string): Promise<Reply> {
		return this.send('GET', path);
	}

	/** The Cookie header this user's browser would send. */
	cookieHeader(): string {
		return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	/** A form post: urlencoded, or multipart when a field is a file. */
	post(path: string, fields: Fields): Promise<Reply> {
		const hasFile = Object.values(fields).some((v) => typeof v !== 'string');
		if (hasFile) {
			const { body, type } = encodeMultipart(fields);
			return this.send('POST', path, body, type);
		}
		const body = new URLSearchParams(fields as Record<string, string>).toString();
		return this.send('POST', path, body, 'application/x-www-form-urlencoded');
	}

	private async send(
		method: 'GET' | 'POST',
		path: string,
		body?: string | Buffer,
		type?: string
	): Promise<Reply> {
		const headers: Record<string, string> = { accept: 'text/html' };
		if (this.jar.size > 0)
			headers.cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
		if (body !== undefined && type) {
			headers['content-type'] = type;
			headers.origin = this.target.base;
		}
		const response = await this.target.pool.request({ method, path, headers, body });
		const text = await response.body.text();
		this.keepCookies(response.headers['set-cookie']);
		const location = response.headers.location;
		return {
			status: response.statusCode,
			location: typeof location === 'string' ? location : null,
			body: text
		};
	}

	private keepCookies(header: string | string[] | undefined): void {
		for (const line of [header ?? []].flat()) {
			const [pair, ...attributes] = line.split(';');
			const at = pair.indexOf('=');
			const name = pair.slice(0, at).trim();
			const value = pair.slice(at + 1).trim();
			const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
			if (expired || value === '') this.jar.delete(name);
			else this.jar.set(name, value);
		}
	}
}
