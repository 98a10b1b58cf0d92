// Filling a template for one dossier and rendering it: the part of issuing a document that needs
// no database, shared by the transition (service.ts) and `npm run documents:sample`.
import { readFile } from 'node:fs/promises';
import { displayWords } from '$lib/i18n/answers';
import { formatDay, m, type Locale } from '$lib/i18n';
import { formatAnswer } from '$lib/process/answers/display';
import type { AnswerMap } from '$lib/process/answers/values';
import type { ProcessDefinition } from '$lib/process/definition';
import {
	fillTemplate,
	sampleAnswers,
	type DocumentKind,
	type DocumentTemplate,
	type DocumentValues
} from '$lib/process/documents';
import { isInputField } from '$lib/process/fields/kinds';
import { localize } from '$lib/process/text';
import { renderDocument } from './render';
import type { SealConfig } from './seal';

export type DocumentSettings = {
	municipalityName: string;
	logoFile: string | undefined;
	seal: SealConfig | undefined;
	/** The site's public address, named in the verification line. */
	origin: string;
	/** A clerk's preview: marked as such on the document, and never sealed. */
	preview?: boolean;
};

/** A document could not be made; the transition that asked for it is not taken. */
export class DocumentIssueError extends Error {
	override name = 'DocumentIssueError';
}

const kindWords: Record<DocumentKind, (locale: Locale) => string> = {
	decision: (locale) => m.documentKindDecision({}, { locale }),
	certificate: (locale) => m.documentKindCertificate({}, { locale }),
	permit: (locale) => m.documentKindPermit({}, { locale }),
	refusal: (locale) => m.documentKindRefusal({}, { locale })
};

export type DocumentContext = {
	reference: string;
	applicantName: string;
	officerName: string;
	note: string;
	answers: AnswerMap;
	locale: Locale;
	at: Date;
};

/** What the placeholders stand for in a dossier's document. */
export function valuesFor(
	definition: ProcessDefinition,
	ctx: DocumentContext,
	municipality: string
): DocumentValues {
	const words = displayWords(ctx.locale);
	const answers: Record<string, string> = {};
	for (const field of definition.pages.flatMap((p) => p.fields))
		if (isInputField(field))
			answers[field.key] = formatAnswer(field, ctx.answers[field.key] as never, ctx.locale, words);
	return {
		reference: ctx.reference,
		date: formatDay(ctx.at, ctx.locale),
		'applicant.name': ctx.applicantName,
		'officer.name': ctx.officerName,
		note: ctx.note,
		municipality,
		'process.title': localize(definition.title, ctx.locale),
		answers
	};
}

/**
 * The made-up dossier a template is tried on (`npm run documents:sample`, the builder's preview):
 * the definition's sample answers, a fixed reference and names.
 */
// The sample's reason or condition, as staff write it with the step, in the preview's language.
const SAMPLE_NOTE: Record<Locale, string> = {
	nl: 'Voorbeeld van een reden of voorwaarde, zoals een medewerker die bij de stap schrijft.',
	en: 'Sample reason or condition, as staff write it with the step.',
	fr: 'Exemple de motif ou de condition, tel qu’un collaborateur l’écrit avec l’étape.'
};

export function sampleContext(
	definition: Pick<ProcessDefinition, 'pages'>,
	locale: Locale,
	at: Date
): DocumentContext & { documentId: string } {
	return {
		documentId: '00000000-0000-4000-8000-000000000000',
		reference: '2026-000123',
		applicantName: 'An Peeters',
		officerName: 'Stijn Balie',
		note: SAMPLE_NOTE[locale],
		answers: sampleAnswers(definition) as AnswerMap,
		locale,
		at
	};
}

/** One template filled in for a dossier and rendered (sealed when a seal is configured). */
export async function renderTemplate(
	definition: ProcessDefinition,
	template: DocumentTemplate,
	ctx: DocumentContext & { documentId: string },
	settings: DocumentSettings
): Promise<{ title: string; bytes: Uint8Array }> {
	const { locale } = ctx;
	const municipality = settings.municipalityName;
	const seal = settings.preview ? undefined : settings.seal;
	const filled = fillTemplate(template, locale, valuesFor(definition, ctx, municipality));
	const code = ctx.documentId.slice(0, 8).toUpperCase();
	const url = settings.origin.replace(/\/+$/, '');
	const logo = settings.logoFile ? await readLogo(settings.logoFile) : null;
	try {
		const bytes = await renderDocument({
			municipalityName: municipality,
			logo,
			locale,
			title: filled.title,
			blocks: filled.blocks,
			reference: ctx.reference,
			issuedOn: formatDay(ctx.at, locale),
			words: {
				kind: kindWords[template.kind](locale),
				reference: m.documentReference({}, { locale }),
				issuedOn: m.documentIssuedOn({}, { locale }),
				verification: seal
					? m.documentVerification({ code, municipality, url }, { locale })
					: m.documentVerificationUnsealed({ code, url }, { locale }),
				unsealed: seal ? null : m.documentUnsealed({ municipality }, { locale }),
				preview: settings.preview ? m.documentPreviewMark({}, { locale }) : null,
				sealReason: m.documentSealReason({ municipality }, { locale })
			},
			seal: seal ? { config: seal, signingTime: ctx.at } : null
		});
		return { title: filled.title, bytes };
	} catch (e) {
		throw new DocumentIssueError((e as Error).message);
	}
}

async function readLogo(file: string): Promise<Uint8Array> {
	try {
		return await readFile(file);
	} catch (e) {
		throw new DocumentIssueError(
			`the logo MUNICIPALITY_LOGO_FILE cannot be read: ${(e as Error).message}`
		);
	}
}
