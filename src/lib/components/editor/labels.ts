// Names of the editor's controls and choices, looked up by the property path the schema gives
// (`handlingTime.days` → editorPropHandlingTimeDays), so generated controls get translated labels.
import { audienceLabel, categoryLabel, m } from '$lib/i18n';
import { audiences, categories, type Audience, type Category } from '$lib/process/taxonomy';
import type { DefinitionProblem } from '$lib/process/loader';
import { problemMessage } from '$lib/i18n/problems';
import { getLocale } from '$lib/paraglide/runtime';

type Message = () => string;
const messages = m as unknown as Record<string, Message | undefined>;
const camel = (parts: string[]) =>
	parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1).replace(/[^a-zA-Z0-9]/g, '')).join('');

export function propertyLabel(name: string): string {
	return messages[`editorProp${camel(name.split('.'))}`]?.() ?? name;
}

export function optionLabel(name: string, value: string): string {
	const property = name.split('.').pop() ?? name;
	// The catalogue's own words for themes and audiences, as citizens see them.
	if (property === 'category' && (categories as readonly string[]).includes(value))
		return categoryLabel(value as Category);
	if (property === 'audience' && (audiences as readonly string[]).includes(value))
		return audienceLabel(value as Audience);
	return messages[`editorOpt${camel([property, value])}`]?.() ?? value;
}

export function kindLabel(type: string): string {
	return messages[`editorKind${camel([type])}`]?.() ?? type;
}

/** The element id of the control for a definition path (`pages[0].fields[2].label.nl`). */
export function controlId(path: string): string {
	return `e-${path.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** Problems at exactly this path (or inside a LocalText at it, when `nested`). */
/** The problems at a path (and below it when `nested`), in the interface language. */
export function problemsAt(problems: DefinitionProblem[], path: string, nested = false): string[] {
	return problems
		.filter(
			(p) =>
				p.path === path ||
				(nested && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`)))
		)
		.map((p) => problemMessage(p, getLocale()));
}

/** Joins a base path and a property name: `pages[0]` + `title` → `pages[0].title`. */
export function joinPath(base: string, name: string): string {
	return base ? `${base}.${name}` : name;
}
