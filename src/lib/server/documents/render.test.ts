// An issued document, checked with independent tools: its PDF/A identification and tags read from
// the file, its text read back by poppler's pdftotext, and its seal verified by poppler's pdfsig,
// which must call it valid and untouched, and call a copy with one byte changed altered.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestSeal, runPdfsig, type TestSeal } from '../../../../tests/fixtures/seal';
import { renderDocument, type RenderInput } from './render';

const dir = mkdtempSync(join(tmpdir(), 'loket-documents-'));

const input: RenderInput = {
	municipalityName: 'Gemeente Testdorp',
	logo: null,
	locale: 'nl',
	title: 'Attest gezinssamenstelling',
	blocks: [
		{ kind: 'heading', text: 'Verklaring' },
		{ kind: 'paragraph', text: 'De burgemeester verklaart dat Łukasz Żółć en Ŝ. Ödön wonen.' },
		{ kind: 'paragraph', text: 'Doel: (kinderbijslag) \\ <b>geen opmaak</b> %PDF' }
	],
	reference: '2026-000123',
	issuedOn: '7 december 2026',
	words: {
		kind: 'Attest',
		reference: 'Referentie',
		issuedOn: 'Uitgereikt op',
		verification: 'Controleer het elektronisch zegel van dit document.',
		unsealed: 'Dit document is niet elektronisch verzegeld.',
		sealReason: 'Elektronisch zegel'
	},
	seal: null
};

function save(name: string, bytes: Uint8Array): string {
	const file = join(dir, name);
	writeFileSync(file, bytes);
	return file;
}

const textOf = (file: string) =>
	execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('an issued document', () => {
	let seal: TestSeal;
	beforeAll(() => {
		seal = makeTestSeal(dir);
	});

	it('says it is PDF/A-2b, is tagged and embeds its fonts', async () => {
		const pdf = Buffer.from(await renderDocument({ ...input, compress: false })).toString('latin1');
		expect(pdf).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
		expect(pdf).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
		expect(pdf).toMatch(/\/MarkInfo \d+ 0 R/);
		expect(pdf).toMatch(/\/Marked true/);
		expect(pdf).toMatch(/\/StructTreeRoot \d+ 0 R/);
		expect(pdf).toMatch(/\/S \/H1/);
		expect(pdf).toMatch(/\/FontFile2 \d+ 0 R/);
		expect(pdf).not.toMatch(/\/BaseFont \/Helvetica/);
		expect(pdf).toMatch(/\/Lang \(nl-BE\)/);
	});

	it('shows the text, the reference, page numbers and that it is not sealed', async () => {
		const file = save('unsealed.pdf', await renderDocument(input));
		const text = textOf(file);
		expect(text).toContain('Attest gezinssamenstelling');
		expect(text).toContain('Referentie: 2026-000123');
		expect(text).toContain('Łukasz Żółć en Ŝ. Ödön');
		expect(text).toContain('<b>geen opmaak</b> %PDF');
		expect(text).toContain('Dit document is niet elektronisch verzegeld.');
		expect(text).toMatch(/2026-000123\s+1 ?\/ ?1/);
		expect(runPdfsig(file)).toMatch(/does not contain any signatures/);
	});

	it('is sealed: pdfsig finds the signature valid over the whole file, and a change altered', async () => {
		const signingTime = new Date('2026-12-07T10:15:00Z');
		const sealed = await renderDocument({
			...input,
			words: { ...input.words, unsealed: null },
			seal: { config: { p12File: seal.p12File, password: seal.password }, signingTime }
		});
		const file = save('sealed.pdf', sealed);
		const report = runPdfsig(file);
		expect(report).toContain('Signer Certificate Common Name: Gemeente Testdorp');
		expect(report).toContain('Signature Type: ETSI.CAdES.detached');
		expect(report).toContain('Signing Time: Dec 07 2026 10:15:00');
		expect(report).toContain('Total document signed');
		expect(report).toContain('Signature Validation: Signature is Valid.');
		expect(textOf(file)).not.toContain('niet elektronisch verzegeld');

		const altered = Buffer.from(sealed);
		// A byte of the text near the end, outside the signature's placeholder.
		const at = altered.lastIndexOf('/Producer');
		expect(at).toBeGreaterThan(0);
		altered[at + 2] = altered[at + 2] === 0x72 ? 0x52 : 0x72;
		const alteredReport = runPdfsig(save('altered.pdf', altered));
		expect(alteredReport).not.toContain('Signature is Valid.');
		expect(alteredReport).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
	});

	it('refuses to seal with a wrong password, with a clear message', async () => {
		await expect(
			renderDocument({
				...input,
				seal: { config: { p12File: seal.p12File, password: 'fout' }, signingTime: new Date() }
			})
		).rejects.toThrow(/could not be sealed/);
	});

	it('places a logo', async () => {
		const png = readFileSync('static/icons/icon-192.png');
		const pdf = Buffer.from(await renderDocument({ ...input, logo: png, compress: false }));
		expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
	});
});
