// The file storage this server uses: a local directory under DATA_DIR/files, or an S3-compatible
// bucket (FILE_STORAGE=s3), as the configuration says. The S3 client (the AWS SDK, 25 MB and a
// third of a second to load) is loaded only by a server that uses it, when it starts.
import { getConfig } from '../config';
import { LocalFileStorage, type FileStorage } from './storage';

let storage: FileStorage | undefined;

export function getFileStorage(): FileStorage {
	if (!storage) {
		const files = getConfig().files;
		if (files.kind === 's3')
			throw new Error('FILE_STORAGE=s3: the bucket is opened at start-up (openFileStorage)');
		storage = new LocalFileStorage(files.dir);
	}
	return storage;
}

/**
 * Opens the configured storage; for a bucket, checks that it is there and the key may use it, so a
 * bad setting stops the start (FileStorageError), not the first upload. Returns what to log.
 */
export async function openFileStorage(): Promise<string> {
	const files = getConfig().files;
	if (files.kind === 'local') {
		storage = new LocalFileStorage(files.dir);
		return `Files are kept in ${files.dir}`;
	}
	const { S3FileStorage } = await import('./s3-storage');
	const bucket = new S3FileStorage(files);
	await bucket.check();
	storage = bucket;
	return (
		`Files are kept in the S3 bucket ${files.bucket}` +
		`${files.prefix ? ` under ${files.prefix}` : ''} (${files.endpoint ?? 'AWS'})`
	);
}
