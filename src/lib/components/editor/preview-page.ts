// Which page of the draft the builder's preview opens at: the page being edited. That is the page
// of the field whose own page is open, else the page of what the clerk last saved (a page, or a
// field on it); otherwise none, and the preview starts at the first page.

type PageLike = { id?: unknown; fields?: { key?: unknown }[] };

/** The id of the page that holds `subject` (a page id or a field key), or undefined. */
export function previewPageOf(pages: unknown, subject: string | undefined): string | undefined {
	if (!subject || !Array.isArray(pages)) return undefined;
	const list = pages as PageLike[];
	const found =
		list.find((p) => p.id === subject) ??
		list.find((p) => p.fields?.some((f) => f.key === subject));
	return typeof found?.id === 'string' ? found.id : undefined;
}

/** What the last editor form saved, from its result (`subject`), if anything. */
export function savedSubject(form: unknown): string | undefined {
	const subject = (form as { subject?: unknown } | null | undefined)?.subject;
	return typeof subject === 'string' ? subject : undefined;
}
