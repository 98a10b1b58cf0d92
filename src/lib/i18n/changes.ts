// A change between two versions of a process (see $lib/process/diff) as one sentence in Dutch or
// English: "Veld ‘kenteken’ toegevoegd op pagina ‘voertuig’.", "Rollen van overgang ‘goedkeuren’
// gewijzigd: medewerker → medewerker, beheerder." Short values are shown before and after (texts
// in Dutch); large ones (a whole page, a condition) are only named.
import type { Change, ChangeSubject } from '$lib/process/diff';
import { formatNumber } from '$lib/process/format';
import { asLocalText, localize, type Locale } from '$lib/process/text';
import { m } from '$lib/paraglide/messages';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/** Names of the properties a clerk changes, as they appear in a sentence. */
const propertyNames: Record<string, Message> = {
	title: m.procPropTitle,
	summary: m.procPropSummary,
	description: m.procPropDescription,
	category: m.procPropCategory,
	productType: m.procPropProductType,
	requestKind: m.procPropRequestKind,
	audience: m.procPropAudience,
	auth: m.procPropAuth,
	assurance: m.procPropAssurance,
	keywords: m.procPropKeywords,
	eligibility: m.procPropEligibility,
	requirements: m.procPropRequirements,
	fee: m.procPropFee,
	handlingTime: m.procPropHandlingTime,
	leadTimes: m.procPropLeadTimes,
	legalBasis: m.procPropLegalBasis,
	intro: m.procPropIntro,
	showIf: m.procPropShowIf,
	type: m.procPropType,
	label: m.procPropLabel,
	hint: m.procPropHint,
	help: m.procPropHelp,
	required: m.procPropRequired,
	applicant: m.procPropApplicant,
	enterprise: m.procPropEnterprise,
	options: m.procPropOptions,
	minLength: m.procPropMinLength,
	maxLength: m.procPropMaxLength,
	citizenLabel: m.procPropCitizenLabel,
	citizenText: m.procPropCitizenText,
	kind: m.procPropKind,
	clock: m.procPropClock,
	vlaamseCode: m.procPropVlaamseCode,
	from: m.procPropFrom,
	to: m.procPropTo,
	roles: m.procPropRoles,
	requiresNote: m.procPropRequiresNote,
	notifyCitizen: m.procPropNotifyCitizen,
	body: m.procPropBody,
	transitions: m.procPropTransitions,
	documents: m.procPropDocuments,
	retention: m.procPropRetention,
	perOption: m.procPropPerOption,
	field: m.procPropField,
	times: m.procPropTimes,
	due: m.procPropDue,
	amount: m.procPropAmount
};

const roleNames: Record<string, Message> = {
	citizen: m.backofficeRoleCitizen,
	staff: m.backofficeRoleStaff,
	clerk: m.backofficeRoleClerk,
	admin: m.backofficeRoleAdmin
};

/** Longer values are named, not quoted. */
const SHORT = 80;

export function propertyName(property: string, locale: Locale): string {
	return propertyNames[property]?.({}, { locale }) ?? property;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const quote = (s: string) => `‘${s}’`;

/** A thing by what people call it, with its technical id after it: "‘Telefoon’ (telefoon)". */
function named(id: string, name: unknown, locale: Locale): string {
	const text = asLocalText(name);
	const words = text ? localize(text, locale).trim() : '';
	return words && words !== id ? `${quote(words)} (${id})` : quote(id);
}

/** A short, readable form of a value, or null when it is too large to show in a sentence. */
export function formatValue(value: unknown, property: string, locale: Locale): string | null {
	if (value === undefined || value === null || value === '') return m.procValueNone({}, { locale });
	if (typeof value === 'boolean')
		return value ? m.procValueYes({}, { locale }) : m.procValueNo({}, { locale });
	if (typeof value === 'number') return formatNumber(value, locale);
	if (typeof value === 'string') return value.length <= SHORT ? quote(value) : null;
	const text = asLocalText(value);
	if (text) return text.nl.length <= SHORT ? quote(text.nl) : null;
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
		if (value.length === 0) return m.procValueNone({}, { locale });
		const words = value.map((v) =>
			property === 'roles' && roleNames[v] ? roleNames[v]({}, { locale }) : v
		);
		const joined = words.join(', ');
		return joined.length <= SHORT ? joined : null;
	}
	return null;
}

/** For a list of options: which values came and went (labels changing is "changed" alone). */
function optionValues(before: unknown, after: unknown, locale: Locale): string {
	const values = (list: unknown) =>
		Array.isArray(list)
			? list.map((o) => String((o as { value?: unknown } | null)?.value ?? ''))
			: [];
	const [was, is] = [values(before), values(after)];
	const parts = [
		...(is.some((v) => !was.includes(v))
			? [
					m.procValuesAdded(
						{
							values: is
								.filter((v) => !was.includes(v))
								.map(quote)
								.join(', ')
						},
						{ locale }
					)
				]
			: []),
		...(was.some((v) => !is.includes(v))
			? [
					m.procValuesRemoved(
						{
							values: was
								.filter((v) => !is.includes(v))
								.map(quote)
								.join(', ')
						},
						{ locale }
					)
				]
			: [])
	];
	return parts.length > 0 ? `: ${parts.join(', ')}` : '';
}

/** ": before → after" when both are short enough to read, else nothing. */
function beforeAfter(change: Change, locale: Locale): string {
	const property = change.property ?? change.id;
	if (property === 'options') return optionValues(change.before, change.after, locale);
	const before = formatValue(change.before, property, locale);
	const after = formatValue(change.after, property, locale);
	return before !== null && after !== null ? `: ${before} → ${after}` : '';
}

function describeChanged(change: Change, locale: Locale): string {
	const o = { locale };
	const values = beforeAfter(change, locale);
	const id = named(change.id, change.name, locale);
	switch (change.subject) {
		case 'process':
			return m.procChangeProcess(
				{ property: capitalize(propertyName(change.id, locale)), values },
				o
			);
		case 'workflow':
			return m.procChangeInitial({ values }, o);
		case 'page':
		case 'field':
		case 'state':
		case 'transition': {
			const property = capitalize(propertyName(change.property ?? '', locale));
			const messages: Record<
				Exclude<ChangeSubject, 'process' | 'workflow'>,
				typeof m.procChangePage
			> = {
				page: m.procChangePage,
				field: m.procChangeField,
				state: m.procChangeState,
				transition: m.procChangeTransition
			};
			return messages[change.subject]({ property, id, values }, o);
		}
	}
}

/**
 * A text as it reads, in full: Dutch, with the English after it when there is one, and the French
 * after that ("FR:" before it, so it is not taken for English when there is none).
 */
function fullText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	const text = asLocalText(value);
	if (!text) return null;
	const english = text.en && text.en !== text.nl ? ` / ${text.en}` : '';
	const french = text.fr && text.fr !== text.nl ? ` / FR: ${text.fr}` : '';
	return `${text.nl}${english}${french}`;
}

/**
 * The old and the new text of a changed text that the sentence cannot quote (too long, or only
 * its English or French changed), so a reader sees what changed; null for everything else.
 */
export function describeTexts(
	change: Change,
	locale: Locale
): { before: string; after: string } | null {
	if (
		change.action !== 'changed' ||
		(beforeAfter(change, locale).length > 0 && !translationOnly(change))
	)
		return null;
	const [before, after] = [fullText(change.before), fullText(change.after)];
	if (before === null && after === null) return null;
	const none = m.procValueNone({}, { locale });
	return { before: before || none, after: after || none };
}

/** Only a translation changed (English or French): the Dutch is the same. */
const translationOnly = (change: Change) => {
	const [a, b] = [asLocalText(change.before), asLocalText(change.after)];
	return !!a && !!b && a.nl === b.nl;
};

/** One change as a sentence in the given language. */
export function describeChange(change: Change, locale: Locale): string {
	const o = { locale };
	const id = named(change.id, change.name, locale);
	const page = named(change.page ?? '', change.pageName, locale);
	if (change.action === 'changed') return describeChanged(change, locale);
	if (change.action === 'moved') {
		if (change.subject === 'field' && change.property === 'page')
			return m.procMovedFieldPage(
				{ id, before: quote(String(change.before)), after: quote(String(change.after)) },
				o
			);
		const places = { id, before: String(change.before), after: String(change.after) };
		return change.subject === 'field'
			? m.procMovedField({ ...places, page }, o)
			: m.procMovedPage(places, o);
	}
	const added = change.action === 'added';
	switch (change.subject) {
		case 'page':
			return added ? m.procAddedPage({ id }, o) : m.procRemovedPage({ id }, o);
		case 'field':
			return added ? m.procAddedField({ id, page }, o) : m.procRemovedField({ id, page }, o);
		case 'state':
			return added ? m.procAddedState({ id }, o) : m.procRemovedState({ id }, o);
		case 'transition':
			return added ? m.procAddedTransition({ id }, o) : m.procRemovedTransition({ id }, o);
		case 'process':
		case 'workflow':
			return describeChanged({ ...change, action: 'changed' }, locale);
	}
}

export type ChangeGroup = 'process' | 'pages' | 'fields' | 'states' | 'transitions';

const groupOf: Record<ChangeSubject, ChangeGroup> = {
	process: 'process',
	page: 'pages',
	field: 'fields',
	workflow: 'states',
	state: 'states',
	transition: 'transitions'
};

const groupNames: Record<ChangeGroup, Message> = {
	process: m.procGroupProcess,
	pages: m.procGroupPages,
	fields: m.procGroupFields,
	states: m.procGroupStates,
	transitions: m.procGroupTransitions
};

/** Changes grouped by what they are about, in a fixed order, as sentences; empty groups left out. */
export function groupChanges(
	changes: Change[],
	locale: Locale
): {
	group: ChangeGroup;
	title: string;
	sentences: string[];
	texts: ({ before: string; after: string } | null)[];
}[] {
	return (Object.keys(groupNames) as ChangeGroup[])
		.map((group) => {
			const mine = changes.filter((c) => groupOf[c.subject] === group);
			return {
				group,
				title: groupNames[group]({}, { locale }),
				sentences: mine.map((c) => describeChange(c, locale)),
				texts: mine.map((c) => describeTexts(c, locale))
			};
		})
		.filter((g) => g.sentences.length > 0);
}

const eventNames: Record<string, Message> = {
	created: m.procEventCreated,
	imported: m.procEventImported,
	'draft-created': m.procEventDraftCreated,
	'draft-saved': m.procEventDraftSaved,
	'draft-discarded': m.procEventDraftDiscarded,
	published: m.procEventPublished,
	retired: m.procEventRetired,
	reopened: m.procEventReopened
};

/** What a change-log event was, e.g. "Ontwerp bewaard". */
export function describeEventType(type: string, locale: Locale): string {
	return eventNames[type]?.({}, { locale }) ?? type;
}
