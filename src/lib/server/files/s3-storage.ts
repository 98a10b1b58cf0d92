// Files on S3-compatible object storage (AWS S3, Ceph, MinIO, Scaleway, OVH, …), so that Loket
// servers on several machines share the citizens' files without a network disk. The same
// content-addressed contract as the local directory (storage.ts): a key is the SHA-256 of the
// bytes, stored once, never changed. The bucket stays private: nothing is ever served from it
// directly, every download goes through the route's access check and then `read`.
import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
	S3ServiceException
} from '@aws-sdk/client-s3';
import {
	FileStorageError,
	hashBytes,
	verifiedStream,
	type FileStorage,
	type StoredStream
} from './storage';

const HEX = /^[0-9a-f]{64}$/;

export type S3Settings = {
	bucket: string;
	/** Prepended to every key, e.g. `loket/`; empty for the bucket's root. */
	prefix: string;
	/** The service's URL; unset: AWS itself. */
	endpoint: string | undefined;
	region: string;
	/** Paths (`endpoint/bucket/key`) rather than a host per bucket: most S3-compatible servers. */
	forcePathStyle: boolean;
	/** Unset: the SDK's own chain (AWS_ACCESS_KEY_ID…, a profile, an instance role). */
	credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
};

export class S3FileStorage implements FileStorage {
	private readonly client: S3Client;

	constructor(private readonly settings: S3Settings) {
		this.client = new S3Client({
			region: settings.region,
			endpoint: settings.endpoint,
			forcePathStyle: settings.forcePathStyle,
			credentials: settings.credentials,
			// Checksums only where the API requires them: several S3-compatible servers refuse the
			// SDK's default trailing checksums. Integrity is ours anyway: the key is the bytes' hash,
			// checked again on every read.
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED'
		});
	}

	/** Checks at start-up that the bucket is there and the key may use it. */
	async check(): Promise<void> {
		const where = `S3 bucket ${this.settings.bucket} at ${this.settings.endpoint ?? 'AWS'}`;
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
		} catch (e) {
			const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
			throw new FileStorageError(
				status === 404
					? `${where} does not exist`
					: status === 403
						? `${where} refuses this key (S3_ACCESS_KEY_ID)`
						: `${where} cannot be reached: ${(e as Error).message}`
			);
		}
	}

	private keyOf(sha256: string): string {
		if (!HEX.test(sha256)) throw new Error('Not a SHA-256 key');
		return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
	}

	async put(bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
		const sha256 = hashBytes(bytes);
		// The same bytes twice are the same object: no second upload. S3 itself writes an object
		// whole or not at all, but not every S3-compatible server does (s3rver keeps what a cut
		// connection delivered): an object of another size under the key is written again.
		if ((await this.storedSize(sha256)) !== bytes.byteLength)
			await this.client.send(
				new PutObjectCommand({
					Bucket: this.settings.bucket,
					Key: this.keyOf(sha256),
					Body: bytes,
					ContentLength: bytes.byteLength,
					ContentType: 'application/octet-stream'
				})
			);
		return { sha256, size: bytes.byteLength };
	}

	async open(sha256: string): Promise<StoredStream> {
		const key = this.keyOf(sha256);
		try {
			const answer = await this.client.send(
				new GetObjectCommand({ Bucket: this.settings.bucket, Key: key })
			);
			if (!answer.Body || answer.ContentLength === undefined)
				throw new Error(`S3 object ${key} has no body or no length`);
			// On Node the SDK hands over the HTTP response itself: its chunks flow as they arrive.
			const chunks = answer.Body as unknown as AsyncIterable<Uint8Array>;
			const body = verifiedStream(chunks, sha256, `S3 object ${key}`);
			return { sha256, size: answer.ContentLength, body };
		} catch (e) {
			if (isMissing(e)) throw missing(key);
			throw e;
		}
	}

	async exists(sha256: string): Promise<boolean> {
		return (await this.storedSize(sha256)) !== null;
	}

	/** The size of the object under the key, or null when there is none. */
	private async storedSize(sha256: string): Promise<number | null> {
		try {
			const head = await this.client.send(
				new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) })
			);
			return head.ContentLength ?? null;
		} catch (e) {
			if (isMissing(e)) return null;
			throw e;
		}
	}

	async delete(sha256: string): Promise<void> {
		// S3 answers a delete of a missing key with success, as the contract wants.
		await this.client.send(
			new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) })
		);
	}
}

function isMissing(e: unknown): boolean {
	return (
		e instanceof S3ServiceException &&
		(e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404)
	);
}

/** The same error as the local directory's for a missing file, so callers treat both alike. */
function missing(key: string): NodeJS.ErrnoException {
	return Object.assign(new Error(`ENOENT: no such object ${key}`), { code: 'ENOENT' });
}
