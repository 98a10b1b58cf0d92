// Scales photos down in the browser before upload: a JPEG or PNG wider or taller than `max`
// pixels is redrawn at `max` on its longest side and re-encoded as JPEG (quality 0.85). Other
// files, and any image the browser cannot decode, are passed through unchanged.
export async function shrinkImages(files: File[], max: number): Promise<File[]> {
	return Promise.all(files.map((file) => shrinkImage(file, max)));
}

async function shrinkImage(file: File, max: number): Promise<File> {
	if (!/^image\/(jpeg|png)$/.test(file.type) || typeof createImageBitmap !== 'function')
		return file;
	try {
		const bitmap = await createImageBitmap(file);
		const scale = max / Math.max(bitmap.width, bitmap.height);
		if (scale >= 1) return file;
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(bitmap.width * scale);
		canvas.height = Math.round(bitmap.height * scale);
		canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		const blob = await new Promise<Blob | null>((resolve) =>
			canvas.toBlob(resolve, 'image/jpeg', 0.85)
		);
		if (!blob) return file;
		return new File([blob], file.name.replace(/\.(png|jpe?g)$/i, '') + '.jpg', {
			type: 'image/jpeg'
		});
	} catch {
		return file;
	}
}
