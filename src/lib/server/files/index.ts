// The file storage this server uses: a local directory under DATA_DIR/files, or an S3-compatible
// bucket (FILE_STORAGE=s3), as the configuration says.
import { getConfig } from '../config';
import { S3FileStorage } from './s3-storage';
import { LocalFileStorage, type FileStorage } from './storage';

let storage: FileStorage | undefined;

export function getFileStorage(): FileStorage {
	if (!storage) {
		const files = getConfig().files;
		storage = files.kind === 's3' ? new S3FileStorage(files) : new LocalFileStorage(files.dir);
	}
	return storage;
}
