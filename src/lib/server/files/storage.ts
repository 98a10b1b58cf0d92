// Where uploaded files live: content-addressed by SHA-256, so the same bytes are stored once and a
// stored file can never change under its name. The local implementation writes under
// DATA_DIR/files; s3-storage.ts keeps the same contract in a bucket. Nothing here is served
// directly: routes check access first and then read through this interface.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A stored file opened for streaming; its bytes are checked against their hash as they flow. */
export type StoredStream = { sha256: string; size: number; body: ReadableStream<Uint8Array> };
/** A file of a dossier on its way out: its name and sniffed type, and its bytes as a stream. */
export type OpenedFile = StoredStream & { name: string; type: string };

export interface FileStorage {
	/** Stores the bytes (once) and returns their SHA-256, which is also their key. */
	put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
	/**
	 * Opens the file for a download without holding it in memory. A missing file is an ENOENT
	 * error here, before any byte; bytes that do not match their key end the stream with an error
	 * before its last chunk, so a download of changed bytes never completes.
	 */
	open(sha256: string): Promise<StoredStream>;
	exists(sha256: string): Promise<boolean>;
	/** Removes the bytes; a key that is not stored is no error. Callers check no row names it. */
	delete(sha256: string): Promise<void>;
}

/** The configured storage cannot be used (e.g. a bucket unreachable, unknown, or refusing the key). */
export class FileStorageError extends Error {
	override name = 'FileStorageError';
}

const HEX = /^[0-9a-f]{64}$/;

export function hashBytes(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The chunks of a stored file as a stream that checks them against their key: each chunk is held
 * back until the next arrives, and the last one is let through only when the hash matches.
 */
export function verifiedStream(
	source: AsyncIterable<Uint8Array>,
	sha256: string,
	what: string
): ReadableStream<Uint8Array> {
	const hash = createHash('sha256');
	const chunks = source[Symbol.asyncIterator]();
	let held: Uint8Array | null = null;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await chunks.next();
			if (next.done) {
				if (hash.digest('hex') !== sha256)
					controller.error(new Error(`${what} does not match its hash`));
				else {
					if (held) controller.enqueue(held);
					controller.close();
				}
				return;
			}
			hash.update(next.value);
			if (held) controller.enqueue(held);
			held = next.value;
		},
		async cancel() {
			await chunks.return?.();
		}
	});
}

/** All of a stream's bytes (a file opened for streaming, when a caller needs it whole). */
export async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * A stored file's bytes whole, for the packages that put files into a ZIP. Read through `open`,
 * so they are checked against their key in one place, whichever store holds them.
 */
export async function readStored(storage: FileStorage, sha256: string): Promise<Uint8Array> {
	return readAll((await storage.open(sha256)).body);
}

export class LocalFileStorage implements FileStorage {
	constructor(private readonly root: string) {}

	private pathOf(sha256: string): string {
		if (!HEX.test(sha256)) throw new Error('Not a SHA-256 key');
		return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
	}

	async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
		const sha256 = hashBytes(bytes);
		const path = this.pathOf(sha256);
		// A file of another size under the key (a disk that lost the end of a write) is written again.
		if ((await this.storedSize(sha256)) !== bytes.byteLength) {
			await mkdir(join(path, '..'), { recursive: true });
			// Write to a temporary name and rename: a crash never leaves half a file under its key.
			const temp = `${path}.${randomUUID()}.tmp`;
			await writeFile(temp, bytes, { flush: true });
			await rename(temp, path);
		}
		return { sha256, size: bytes.byteLength };
	}

	async open(sha256: string): Promise<StoredStream> {
		const handle = await open(this.pathOf(sha256), 'r');
		try {
			const { size } = await handle.stat();
			const chunks = handle.createReadStream({ highWaterMark: 64 * 1024 });
			return { sha256, size, body: verifiedStream(chunks, sha256, `file ${sha256}`) };
		} catch (e) {
			await handle.close();
			throw e;
		}
	}

	async delete(sha256: string): Promise<void> {
		try {
			await unlink(this.pathOf(sha256));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
		}
	}

	async exists(sha256: string): Promise<boolean> {
		return (await this.storedSize(sha256)) !== null;
	}

	/** The size of the file under the key, or null when there is none. */
	private async storedSize(sha256: string): Promise<number | null> {
		try {
			return (await stat(this.pathOf(sha256))).size;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	}
}
