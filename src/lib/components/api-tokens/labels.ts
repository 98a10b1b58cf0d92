// How the API token pages name things: a token's access from its scopes, its processes by their
// titles (or "all processes"), and moments in Belgian time.
import { formatDateTime, localize, m, type Locale } from '$lib/i18n';
import type { LocalText } from '$lib/process/text';

export function accessLabel(scopes: readonly string[]): string {
	return scopes.includes('write') ? m.apiTokensAccessWrite() : m.apiTokensAccessRead();
}

export function processList(
	processIds: readonly string[] | null,
	processes: readonly { id: string; title: LocalText }[],
	locale: Locale
): string {
	if (processIds === null) return m.apiTokensAllProcesses();
	const titles = new Map(processes.map((p) => [p.id, localize(p.title, locale)]));
	return processIds.map((id) => titles.get(id) ?? id).join(', ');
}

/** A moment as "4 dec 2026, 19:02" (or with seconds), in Brussels time. */
export function formatMoment(date: Date, locale: Locale, seconds = false): string {
	return formatDateTime(date, locale, seconds);
}
