// Process titles in a list where two processes may carry the same title (a copy, an imported
// definition): each title that occurs more than once gets its process id after it, so "Klacht"
// three times reads "Klacht (klacht)", "Klacht (klacht-kopie)", "Klacht (klacht-2)". The titles
// themselves stay as the clerk wrote them: they are what citizens see in the catalogue, and a
// "(kopie)" added by us would reach citizens if the copy were published unchanged.

/** The title to show for each id: the title alone, or "title (id)" when it is not unique. */
export function distinguishTitles(
	items: readonly { id: string; title: string }[]
): Map<string, string> {
	const count = new Map<string, number>();
	for (const { title } of items) count.set(title, (count.get(title) ?? 0) + 1);
	return new Map(
		items.map(({ id, title }) => [id, (count.get(title) ?? 0) > 1 ? `${title} (${id})` : title])
	);
}
