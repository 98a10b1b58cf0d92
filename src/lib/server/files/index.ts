// The file storage this server uses: a local directory under DATA_DIR/files.
import { join } from 'node:path';
import { getConfig } from '../config';
import { LocalFileStorage, type FileStorage } from './storage';

let storage: FileStorage | undefined;

export function getFileStorage(): FileStorage {
	storage ??= new LocalFileStorage(join(getConfig().dataDir, 'files'));
	return storage;
}
