// The municipality's electronic seal on an issued document: a PAdES signature (CMS, SubFilter
// ETSI.CAdES.detached) with a signing time, made with the PKCS#12 file of the configuration. The
// placeholder is added while pdfkit writes the document; the signature over every byte but the
// placeholder itself is put in after, so any later change to the file breaks it.
import { readFile } from 'node:fs/promises';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

export type SealConfig = { p12File: string; password: string };

/** Room for the CMS signature: the certificate chain of a real seal is a few kilobytes. */
const SIGNATURE_LENGTH = 16384;

/** Adds the empty signature to the document pdfkit is writing (before `doc.end()`). */
export function addSealPlaceholder(
	doc: PDFKit.PDFDocument,
	seal: { name: string; reason: string; location: string; signingTime: Date }
): void {
	pdfkitAddPlaceholder({
		pdf: doc,
		// The pdfkit placeholder works on the document being written; the buffer it types is unused.
		pdfBuffer: Buffer.alloc(0),
		reason: seal.reason,
		contactInfo: '',
		name: seal.name,
		location: seal.location,
		signingTime: seal.signingTime,
		signatureLength: SIGNATURE_LENGTH,
		subFilter: SUBFILTER_ETSI_CADES_DETACHED,
		appName: 'Loket'
	});
}

export class SealError extends Error {
	override name = 'SealError';
}

/** Signs a document that has a placeholder, with the configured PKCS#12 seal. */
export async function sealPdf(
	pdf: Uint8Array,
	config: SealConfig,
	signingTime: Date
): Promise<Uint8Array> {
	let p12: Buffer;
	try {
		p12 = await readFile(config.p12File);
	} catch (e) {
		throw new SealError(`The seal file SEAL_P12_FILE cannot be read: ${(e as Error).message}`);
	}
	try {
		const signer = new P12Signer(p12, { passphrase: config.password });
		return new Uint8Array(await new SignPdf().sign(Buffer.from(pdf), signer, signingTime));
	} catch (e) {
		throw new SealError(`The document could not be sealed: ${(e as Error).message}`);
	}
}
