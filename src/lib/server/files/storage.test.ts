import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3FileStorage } from './s3-storage';
import { sniffMediaType } from './sniff';
import {
	FileStorageError,
	hashBytes,
	LocalFileStorage,
	readStored,
	type FileStorage
} from './storage';
import { startS3Server } from './test-s3';

const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
	0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89
]);

// One contract, two places: a local directory and an S3-compatible bucket. The bucket is a real S3
// server on this machine (s3rver, started here on a free port), reached with the AWS SDK over HTTP.
type Opened = {
	storage: FileStorage;
	/** Leaves these bytes under the key behind the storage's back (a write cut short). */
	plant: (sha256: string, content: Uint8Array) => Promise<void>;
	close: () => Promise<void>;
};
type Backend = { name: string; open: () => Promise<Opened> };

const backends: Backend[] = [
	{
		name: 'a local directory',
		open: async () => {
			const root = mkdtempSync(join(tmpdir(), 'loket-files-'));
			return {
				storage: new LocalFileStorage(root),
				plant: async (sha256, content) => {
					const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
					mkdirSync(dir, { recursive: true });
					writeFileSync(join(dir, sha256), content);
				},
				close: async () => {}
			};
		}
	},
	{
		name: 'an S3 bucket',
		open: async () => {
			const server = await startS3Server();
			const client = server.client();
			return {
				storage: new S3FileStorage(server.settings),
				plant: async (sha256, content) => {
					const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
					await client.send(
						new PutObjectCommand({ Bucket: server.settings.bucket, Key: key, Body: content })
					);
				},
				close: server.close
			};
		}
	}
];

describe.each(backends)('file storage in $name', ({ open }) => {
	let storage: FileStorage;
	let plant: Opened['plant'];
	let close: () => Promise<void>;
	beforeAll(async () => {
		({ storage, plant, close } = await open());
	});
	afterAll(() => close());

	it('writes the bytes again over a shorter file left under their key (an upload cut short)', async () => {
		// Found by bench:faults: s3rver keeps what a killed worker's upload delivered, and the resend
		// on another worker found "a file" under the key and skipped the upload.
		const content = bytes(`foto ${randomUUID()} ${'x'.repeat(200)}`);
		const sha256 = hashBytes(content);
		await plant(sha256, content.slice(0, 40));
		expect(await storage.put(content)).toEqual({ sha256, size: content.byteLength });
		expect(await readStored(storage, sha256)).toEqual(content);
	});

	it('stores bytes once under their SHA-256 and reads them back', async () => {
		const content = bytes(`%PDF-1.7 bewijs ${randomUUID()}`);
		const first = await storage.put(content);
		const again = await storage.put(content);
		expect(first).toEqual({ sha256: hashBytes(content), size: content.byteLength });
		expect(again).toEqual(first);
		expect(await readStored(storage, first.sha256)).toEqual(content);
		expect(await storage.exists(first.sha256)).toBe(true);
		expect(await storage.exists(hashBytes(bytes('iets anders')))).toBe(false);
	});

	it('streams a file in chunks, whole, and says a missing one is missing before any byte', async () => {
		const photo = randomBytes(3 * 1024 * 1024 + 17);
		const { sha256 } = await storage.put(photo);
		const opened = await storage.open(sha256);
		expect(opened).toMatchObject({ sha256, size: photo.byteLength });
		const chunks: Uint8Array[] = [];
		for await (const chunk of opened.body) chunks.push(chunk);
		expect(chunks.length).toBeGreaterThan(1);
		expect(Buffer.concat(chunks).equals(photo)).toBe(true);
		await expect(storage.open(hashBytes(bytes(`nooit ${randomUUID()}`)))).rejects.toMatchObject({
			code: 'ENOENT'
		});
	});

	it('ends the stream of changed bytes with an error, before their last chunk', async () => {
		const content = randomBytes(200 * 1024);
		const sha256 = hashBytes(content);
		const changed = Buffer.from(content);
		changed[changed.length - 1] ^= 1;
		await plant(sha256, changed);
		const opened = await storage.open(sha256);
		const received: Uint8Array[] = [];
		await expect(
			(async () => {
				for await (const chunk of opened.body) received.push(chunk);
			})()
		).rejects.toThrow('does not match its hash');
		expect(Buffer.concat(received).byteLength).toBeLessThan(content.byteLength);
		// Read whole (the packages' ZIP files), the same check refuses them.
		await expect(readStored(storage, sha256)).rejects.toThrow('does not match its hash');
	});

	it('keeps a photo of several megabytes byte for byte', async () => {
		const photo = randomBytes(6 * 1024 * 1024);
		const { sha256, size } = await storage.put(photo);
		expect(size).toBe(photo.byteLength);
		expect(Buffer.from(await readStored(storage, sha256)).equals(photo)).toBe(true);
	});

	it('stores the same bytes put at the same time once', async () => {
		const content = bytes(`tegelijk ${randomUUID()}`);
		const results = await Promise.all([1, 2, 3, 4].map(() => storage.put(content)));
		expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
		expect(await readStored(storage, results[0].sha256)).toEqual(content);
	});

	it('deletes, and a missing key is no error to delete but one to read', async () => {
		const { sha256 } = await storage.put(bytes(`weg ${randomUUID()}`));
		await storage.delete(sha256);
		expect(await storage.exists(sha256)).toBe(false);
		await expect(storage.delete(sha256)).resolves.toBeUndefined();
		await expect(readStored(storage, sha256)).rejects.toMatchObject({ code: 'ENOENT' });
	});

	it('refuses keys that are not a SHA-256, so no path or key can escape', async () => {
		for (const key of ['../../etc/passwd', `${'a'.repeat(63)}/`, 'A'.repeat(64)]) {
			await expect(readStored(storage, key)).rejects.toThrow('Not a SHA-256 key');
			await expect(storage.exists(key)).rejects.toThrow('Not a SHA-256 key');
			await expect(storage.delete(key)).rejects.toThrow('Not a SHA-256 key');
		}
	});
});

describe('local file storage on disk', () => {
	it('writes one file per key, in two levels of folders', async () => {
		const root = mkdtempSync(join(tmpdir(), 'loket-files-'));
		const { sha256 } = await new LocalFileStorage(root).put(bytes('%PDF-1.7 bewijs'));
		const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
		expect(readdirSync(dir)).toEqual([sha256]);
	});
});

describe('S3 file storage', () => {
	it('keeps its objects under the prefix and refuses an object changed in the bucket', async () => {
		const server = await startS3Server();
		try {
			const storage = new S3FileStorage({ ...server.settings, prefix: 'loket/' });
			const { sha256 } = await storage.put(bytes('origineel'));
			const key = `loket/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
			const client = server.client();
			const listed = await client.send(
				new ListObjectsV2Command({ Bucket: server.settings.bucket })
			);
			expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
			await client.send(
				new PutObjectCommand({ Bucket: server.settings.bucket, Key: key, Body: bytes('vervalst') })
			);
			await expect(readStored(storage, sha256)).rejects.toThrow('does not match its hash');
		} finally {
			await server.close();
		}
	});

	it('says so when the bucket cannot be used, instead of claiming a file is missing', async () => {
		const server = await startS3Server();
		try {
			await expect(new S3FileStorage(server.settings).check()).resolves.toBeUndefined();
			await expect(
				new S3FileStorage({ ...server.settings, bucket: 'geen-emmer' }).check()
			).rejects.toThrow('S3 bucket geen-emmer at http://127.0.0.1:');
			await expect(
				new S3FileStorage({
					...server.settings,
					credentials: { accessKeyId: 'ONBEKEND', secretAccessKey: 'fout' }
				}).check()
			).rejects.toThrow(
				new FileStorageError(
					`S3 bucket loket-test at ${server.settings.endpoint} refuses this key (S3_ACCESS_KEY_ID)`
				)
			);
		} finally {
			await server.close();
		}
		const storage = new S3FileStorage(server.settings);
		await expect(storage.check()).rejects.toThrow('cannot be reached');
		await expect(storage.exists(hashBytes(bytes('x')))).rejects.not.toMatchObject({
			code: 'ENOENT'
		});
	});
});

describe('media type sniffing', () => {
	it('reads the type from the bytes, not from a name', async () => {
		expect(await sniffMediaType(bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
		expect(await sniffMediaType(PNG)).toBe('image/png');
		expect(
			await sniffMediaType(
				new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
			)
		).toBe('image/jpeg');
		expect(await sniffMediaType(bytes('MZ\x90\x00 dit is een programma'))).toBe(
			'application/x-msdownload'
		);
		expect(await sniffMediaType(bytes('gewoon tekst, geen pdf'))).toBeNull();
	});
});
