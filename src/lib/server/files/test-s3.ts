// A real S3 server for tests, on this machine: s3rver (npm), which speaks the S3 REST API with
// signature checks and keeps its objects in a temporary folder. Tests and benchmarks only; a
// municipality points FILE_STORAGE=s3 at its own service (see the README).
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from './s3-storage';

/** s3rver's own key pair; it refuses requests signed with any other. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Server(bucket = 'loket-test'): Promise<{
	settings: S3Settings;
	/** Where s3rver keeps the objects: one `<key>._S3rver_object` file each, under the bucket's name. */
	directory: string;
	client: () => S3Client;
	close: () => Promise<void>;
}> {
	const directory = mkdtempSync(join(tmpdir(), 'loket-s3-'));
	const server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory,
		configureBuckets: [{ name: bucket, configs: [] }]
	});
	const { port } = await server.run();
	const settings: S3Settings = {
		bucket,
		prefix: '',
		endpoint: `http://127.0.0.1:${port}`,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: CREDENTIALS
	};
	return {
		settings,
		directory,
		client: () =>
			new S3Client({
				region: settings.region,
				endpoint: settings.endpoint,
				forcePathStyle: true,
				credentials: CREDENTIALS,
				requestChecksumCalculation: 'WHEN_REQUIRED',
				responseChecksumValidation: 'WHEN_REQUIRED'
			}),
		close: () => server.close()
	};
}
