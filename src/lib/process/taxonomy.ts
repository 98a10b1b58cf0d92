// The catalogue's taxonomy (IPDC themes, product types, audiences), apart from the zod schemas of
// definition.ts so that pages which only list or filter products do not ship zod to the browser.
/** IPDC themes (thema's) of the Flemish product catalogue. */
export const categories = [
	'BurgerOverheid',
	'BouwenWonen',
	'CultuurSportVrijeTijd',
	'EconomieWerk',
	'MilieuEnergie',
	'MobiliteitOpenbareWerken',
	'OnderwijsWetenschap',
	'WelzijnGezondheid'
] as const;
export type Category = (typeof categories)[number];

/** IPDC product types. */
export const productTypes = [
	'Toelating',
	'Bewijs',
	'FinancieelVoordeel',
	'FinancieleVerplichting',
	'Voorwerp',
	'AdviesBegeleiding',
	'InfrastructuurMateriaal'
] as const;

/** What a citizen files: an application (aanvraag) that ends in a decision, or a report (melding). */
export const requestKinds = ['application', 'report'] as const;
export type RequestKind = (typeof requestKinds)[number];

export const audiences = ['burger', 'onderneming', 'vereniging'] as const;
export type Audience = (typeof audiences)[number];
