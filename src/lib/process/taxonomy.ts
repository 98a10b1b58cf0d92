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

export const audiences = ['burger', 'onderneming', 'vereniging'] as const;
export type Audience = (typeof audiences)[number];
