// The real media type of an upload, read from its bytes (magic numbers), never from its name or
// from what the browser claims: a renamed .exe stays an .exe.
import { fileTypeFromBuffer } from 'file-type';

export async function sniffMediaType(bytes: Uint8Array): Promise<string | null> {
	const detected = await fileTypeFromBuffer(bytes);
	return detected?.mime ?? null;
}
