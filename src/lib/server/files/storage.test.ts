import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './sniff';
import { hashBytes, LocalFileStorage } from './storage';

const bytes = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
	0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89
]);

describe('local file storage', () => {
	it('stores bytes once under their SHA-256 and reads them back', async () => {
		const root = mkdtempSync(join(tmpdir(), 'loket-files-'));
		const storage = new LocalFileStorage(root);
		const content = bytes('%PDF-1.7 bewijs');
		const first = await storage.put(content);
		const again = await storage.put(content);
		expect(first).toEqual({ sha256: hashBytes(content), size: content.byteLength });
		expect(again).toEqual(first);
		expect(await storage.read(first.sha256)).toEqual(content);
		expect(await storage.exists(first.sha256)).toBe(true);
		expect(await storage.exists(hashBytes(bytes('iets anders')))).toBe(false);
		const dir = join(root, first.sha256.slice(0, 2), first.sha256.slice(2, 4));
		expect(readdirSync(dir)).toEqual([first.sha256]);
	});

	it('refuses keys that are not a SHA-256, so no path can escape the root', async () => {
		const storage = new LocalFileStorage(mkdtempSync(join(tmpdir(), 'loket-files-')));
		await expect(storage.read('../../etc/passwd')).rejects.toThrow('Not a SHA-256 key');
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
