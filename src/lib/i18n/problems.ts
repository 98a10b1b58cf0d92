// The problems of a process definition (see $lib/process/loader) as a clerk reads them: in the
// interface language, with where they are in words: "Pagina ‘Uw gegevens’, veld ‘Telefoon’,
// label (Nederlands): Vul de Nederlandse tekst in." The loader's English messages stay as they
// are for the command line (`forms:check`); this module never changes what is checked.
import type { DefinitionProblem } from '$lib/process/loader';
import { asLocalText, localize, type Locale } from '$lib/process/text';
import { m } from '$lib/paraglide/messages';
import { propertyName } from './changes';

type O = { locale: Locale };

/** The English messages of the loader's own checks, each with its words in the user's language. */
const known: [RegExp, (g: string[], o: O) => string][] = [
	[/^Dutch text \(nl\) is required$/, (_, o) => m.problemDutchRequired({}, o)],
	[/^must be (a slug|lower-case letters, digits and -)/, (_, o) => m.problemIdFormat({}, o)],
	[/^must be snake_case/, (_, o) => m.problemSnakeFormat({}, o)],
	[/^must be camelCase/, (_, o) => m.problemCamelFormat({}, o)],
	[/^must be lower-case letters and digits, with - or _/, (_, o) => m.problemValueFormat({}, o)],
	[/^unknown field type /, (_, o) => m.problemFieldType({}, o)],
	[
		/^unknown field "(.*)" in "(.*)"$/,
		([key, name], o) => m.problemPlaceholderField({ key, name }, o)
	],
	[/^unknown field "(.*)"$/, ([key], o) => m.problemUnknownField({ key }, o)],
	[/^unknown placeholder "(.*)"$/, ([name], o) => m.problemUnknownPlaceholder({ name }, o)],
	[
		/^a "\{\{" or "\}\}" without its other half$/,
		(_, o) => m.problemOpenBraces({ open: '{{', close: '}}' }, o)
	],
	[/^unknown transition "(.*)"$/, ([id], o) => m.problemUnknownTransition({ id }, o)],
	[/^duplicate document "(.*)"$/, ([id], o) => m.problemDuplicateDocument({ id }, o)],
	[/^"(.*)" is a \w+ block and has no answer$/, ([key], o) => m.problemBlockNoAnswer({ key }, o)],
	[/^field "(.*)" is on a later page/, ([key], o) => m.problemLaterPage({ key }, o)],
	[/^a field cannot depend on itself$/, (_, o) => m.problemSelf({}, o)],
	[/^field "(.*)" comes after this field$/, ([key], o) => m.problemComesAfter({ key }, o)],
	[
		/^a page can only depend on fields of earlier pages \("(.*)"/,
		([key], o) => m.problemPageDependsLater({ key }, o)
	],
	[
		/^"(.*)" is not an option of field "(.*)" \((.*)\)$/,
		([value, key, options], o) => m.problemNotAnOption({ value, key, options }, o)
	],
	[/^field "(.*)" is not a date field$/, ([key], o) => m.problemNotDateField({ key }, o)],
	[/^field "(.*)" (holds a|is not a|\()/, ([key], o) => m.problemComparison({ key }, o)],
	[
		/^"includes" needs a checkboxes field; field "(.*)"/,
		([key], o) => m.problemComparison({ key }, o)
	],
	[/^duplicate option "(.*)"$/, ([value], o) => m.problemDuplicateOption({ value }, o)],
	[/^is more than the (\d+) options$/, ([count], o) => m.problemMoreThanOptions({ count }, o)],
	[
		/^(is more than max|min .* is more than max|is more than maxLength)/,
		(_, o) => m.problemMinMoreThanMax({}, o)
	],
	[/ is after notAfter /, (_, o) => m.problemDateOrder({}, o)],
	[/^a level above low needs auth "required"$/, (_, o) => m.problemAssuranceNeedsAuth({}, o)],
	[/^duplicate page "(.*)"$/, ([id], o) => m.problemDuplicatePage({ id }, o)],
	[/^"(.*)" is reserved for the form's own steps$/, ([id], o) => m.problemReservedPage({ id }, o)],
	[/^duplicate key "(.*?)"/, ([key], o) => m.problemDuplicateKey({ key }, o)],
	[/^give minDays, maxDays or both$/, (_, o) => m.problemLeadTimeDays({}, o)],
	[/^duplicate state "(.*)"$/, ([id], o) => m.problemDuplicateState({ id }, o)],
	[/^final state ".*" must stop the clock$/, (_, o) => m.problemFinalStops({}, o)],
	[/^only a final state may stop the clock/, (_, o) => m.problemOnlyFinalStops({}, o)],
	[/^unknown state "(.*)"$/, ([id], o) => m.problemUnknownState({ id }, o)],
	[/^give years, months or both$/, (_, o) => m.problemRetentionTerm({}, o)],
	[/^state "(.*)" is not a final state$/, ([id], o) => m.problemRetentionNotFinal({ id }, o)],
	[/^state "(.*)" already has rule (\d+)$/, ([id, n], o) => m.problemRetentionTwice({ id, n }, o)],
	[/^final state "(.*)" has no rule$/, ([id], o) => m.problemRetentionGap({ id }, o)],
	[
		/^rule (\d+) already applies to every other final state$/,
		([n], o) => m.problemRetentionCatchAll({ n }, o)
	],
	[/^the initial state ".*" may not be final$/, (_, o) => m.problemInitialFinal({}, o)],
	[/^the workflow needs at least one final state$/, (_, o) => m.problemNoFinal({}, o)],
	[/^duplicate transition "(.*)"$/, ([id], o) => m.problemDuplicateTransition({ id }, o)],
	[
		/^transition ".*" leads from "(.*)" back to itself$/,
		([id], o) => m.problemSelfTransition({ id }, o)
	],
	[/^state "(.*)" cannot be reached/, ([id], o) => m.problemUnreachable({ id }, o)],
	[/^state "(.*)" has no path to a final state$/, ([id], o) => m.problemNoWayOut({ id }, o)],
	[
		/^waiting state "(.*)" needs a transition/,
		([id], o) => m.problemWaitingNeedsCitizen({ id }, o)
	],
	[/^JSON: (.*)$/s, ([detail], o) => m.problemJson({ detail }, o)]
];

const kinds: Record<string, (i: Record<string, never>, o: O) => string> = {
	string: m.problemKindText,
	number: m.problemKindNumber,
	int: m.problemKindNumber,
	boolean: m.problemKindBoolean,
	array: m.problemKindList,
	object: m.problemKindGroup
};

/** What is wrong, in the user's language, without where. */
export function problemMessage(
	problem: Pick<DefinitionProblem, 'message' | 'issue'>,
	locale: Locale
): string {
	const o = { locale };
	const issue = problem.issue;
	// The loader's own words first (also set on schema rules, e.g. "Dutch text (nl) is required").
	for (const [pattern, say] of known) {
		const match = pattern.exec(problem.message);
		if (match) return say(match.slice(1), o);
	}
	if (!issue) return m.problemInvalid({}, o);
	switch (issue.code) {
		case 'invalid_type':
			return issue.missing
				? m.problemRequired({}, o)
				: m.problemWrongType(
						{ kind: (kinds[issue.expected ?? ''] ?? m.problemKindGroup)({}, o) },
						o
					);
		case 'too_small': {
			const min = issue.minimum ?? 0;
			if (issue.origin === 'string')
				return min <= 1 ? m.problemRequired({}, o) : m.problemTooShort({ min }, o);
			if (issue.origin === 'array' || issue.origin === 'set') return m.problemTooFew({ min }, o);
			return m.problemTooSmall({ min }, o);
		}
		case 'too_big': {
			const max = issue.maximum ?? 0;
			if (issue.origin === 'string') return m.problemTooLong({ max }, o);
			if (issue.origin === 'array' || issue.origin === 'set') return m.problemTooMany({ max }, o);
			return m.problemTooBig({ max }, o);
		}
		case 'invalid_value':
			return m.problemChooseOne({ values: (issue.values ?? []).join(', ') }, o);
		case 'unrecognized_keys':
			return m.problemUnknownKeys({ keys: (issue.keys ?? []).join(', ') }, o);
		default:
			return m.problemInvalid({}, o);
	}
}

type Item = Record<string, unknown>;
const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);
const nameOf = (item: Item | undefined, key: string, locale: Locale): string | null => {
	const text = asLocalText(item?.[key]);
	const words = text ? localize(text, locale).trim() : '';
	return words || null;
};

/**
 * Where a path is, in words: `pages[1].fields[0].label.nl` of a draft whose second page is
 * "Uw gegevens" and whose field there is "Telefoon" → "Pagina ‘Uw gegevens’, veld ‘Telefoon’,
 * label (Nederlands)". Parts the definition does not have (a broken file) are numbered.
 */
export function describeLocation(path: string, definition: unknown, locale: Locale): string {
	const o = { locale };
	const parts = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((p) =>
		p[2] === undefined ? p[1] : Number(p[2])
	);
	const words: string[] = [];
	const def = (definition && typeof definition === 'object' ? definition : {}) as Item;
	let i = 0;
	const next = () => parts[i++];
	const index = () => (typeof parts[i] === 'number' ? (next() as number) : null);
	const first = next();
	if (first === 'pages') {
		const pi = index();
		if (pi === null) words.push(m.problemAtPages({}, o));
		else {
			const page = list(def.pages)[pi];
			const name = nameOf(page, 'title', locale);
			words.push(name ? m.problemAtPage({ name }, o) : m.problemAtPageN({ n: pi + 1 }, o));
			if (parts[i] === 'fields') {
				next();
				const fi = index();
				if (fi !== null) {
					const field = list(page?.fields)[fi];
					const name =
						nameOf(field, 'label', locale) ?? (typeof field?.key === 'string' ? field.key : null);
					words.push(name ? m.problemAtField({ name }, o) : m.problemAtFieldN({ n: fi + 1 }, o));
				}
			}
		}
	} else if (first === 'workflow') {
		const part = next();
		const wf = (def.workflow ?? {}) as Item;
		if (part === 'states' || part === 'transitions') {
			const at = index();
			if (at !== null) {
				const item = list(wf[part])[at];
				const name =
					nameOf(item, 'label', locale) ??
					(typeof item?.id === 'string' ? item.id : String(at + 1));
				words.push(
					part === 'states' ? m.problemAtState({ name }, o) : m.problemAtTransition({ name }, o)
				);
			} else words.push(m.problemAtWorkflow({}, o));
		} else if (part === 'initial') words.push(m.problemAtInitial({}, o));
		else words.push(m.problemAtWorkflow({}, o));
	} else if (first === 'documents') {
		const at = index();
		const item = at === null ? undefined : list(def.documents)[at];
		const name =
			nameOf(item, 'title', locale) ??
			(typeof item?.id === 'string' && item.id ? item.id : String((at ?? 0) + 1));
		words.push(m.problemAtDocument({ name }, o));
	} else if (first === 'requirements' || first === 'leadTimes') {
		const at = index();
		const n = (at ?? 0) + 1;
		words.push(
			first === 'requirements' ? m.problemAtRequirement({ n }, o) : m.problemAtLeadTime({ n }, o)
		);
	} else if (typeof first === 'string') {
		words.push(propertyName(first, locale));
	}
	// The rest: options, a condition, a property, a language.
	while (i < parts.length) {
		const part = next();
		if (part === 'options') {
			const at = index();
			if (at !== null) words.push(m.problemAtOption({ n: at + 1 }, o));
		} else if (part === 'amounts' && typeof parts[i] === 'string') {
			// The fee's amount of one option: named by its value.
			words.push(`‘${String(next())}’`);
		} else if (part === 'showIf') {
			words.push(m.problemAtCondition({}, o));
			break;
		} else if (part === 'nl' || part === 'en') {
			const last = words.pop() ?? '';
			words.push(
				`${last} (${part === 'nl' ? m.problemAtDutch({}, o) : m.problemAtEnglish({}, o)})`
			);
		} else if (typeof part === 'string') words.push(propertyName(part, locale));
	}
	const text = words.filter(Boolean).join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A problem as one line: where, then what is wrong. */
export function describeProblem(
	problem: DefinitionProblem,
	definition: unknown,
	locale: Locale
): string {
	const where = problem.path ? describeLocation(problem.path, definition, locale) : '';
	const what = problemMessage(problem, locale);
	return where ? `${where}: ${what}` : what;
}
