// The interface texts of Loket in Dutch and English. Dutch is the language of record; the
// English table must have every key (the type makes a missing translation a compile error).
import type { Audience, Category } from '$lib/process/definition';

const nl = {
	skipLink: 'Naar de inhoud',
	siteTagline: 'Digitaal loket',
	languageSwitch: 'English',
	languageSwitchLabel: 'Switch to English',
	catalogueTitle: 'Wat wilt u aanvragen of melden?',
	catalogueIntro:
		'Hier vindt u alle aanvragen en meldingen die u online kunt doen. Kies een onderwerp.',
	catalogueEmpty: 'Er zijn nog geen producten gepubliceerd.',
	processCount: (n: number) => (n === 1 ? '1 product' : `${n} producten`),
	loginRequired: 'Aanmelden vereist',
	forBusinesses: 'Voor ondernemingen',
	footerText: 'Een dienst van',
	notFound: 'Pagina niet gevonden',
	errorTitle: 'Er ging iets mis',
	errorHome: 'Terug naar de startpagina',
	errorId: 'Foutcode',
	backToCatalogue: 'Alle producten',
	whoMayApply: 'Wie kan dit aanvragen?',
	whatYouNeed: 'Wat heeft u nodig?',
	cost: 'Wat kost het?',
	free: 'Gratis',
	handlingTime: 'Hoe lang duurt het?',
	handlingDays: (days: number, unit: 'calendar' | 'working') =>
		`${days} ${unit === 'working' ? (days === 1 ? 'werkdag' : 'werkdagen') : days === 1 ? 'kalenderdag' : 'kalenderdagen'}`,
	legalTerm: 'wettelijke termijn',
	serviceNorm: 'onze streeftermijn',
	stepsTitle: 'Wat gebeurt er met uw aanvraag?',
	outcomesTitle: 'Hoe kan uw aanvraag aflopen?',
	evidence: 'Bewijs',
	login: {
		none: 'U hoeft zich niet aan te melden.',
		optional: 'U kunt aanvragen met of zonder aanmelden.',
		required: 'U moet zich aanmelden om dit aan te vragen.'
	},
	legalBasis: 'Regelgeving'
};

export type Messages = typeof nl;

const en: Messages = {
	skipLink: 'Skip to content',
	siteTagline: 'Digital counter',
	languageSwitch: 'Nederlands',
	languageSwitchLabel: 'Schakel naar Nederlands',
	catalogueTitle: 'What would you like to apply for or report?',
	catalogueIntro: 'Here you find every request and report you can file online. Choose a topic.',
	catalogueEmpty: 'No products have been published yet.',
	processCount: (n: number) => (n === 1 ? '1 product' : `${n} products`),
	loginRequired: 'Login required',
	forBusinesses: 'For businesses',
	footerText: 'A service of',
	notFound: 'Page not found',
	errorTitle: 'Something went wrong',
	errorHome: 'Back to the home page',
	errorId: 'Error code',
	backToCatalogue: 'All products',
	whoMayApply: 'Who can apply?',
	whatYouNeed: 'What do you need?',
	cost: 'What does it cost?',
	free: 'Free',
	handlingTime: 'How long does it take?',
	handlingDays: (days: number, unit: 'calendar' | 'working') =>
		`${days} ${unit === 'working' ? (days === 1 ? 'working day' : 'working days') : days === 1 ? 'calendar day' : 'calendar days'}`,
	legalTerm: 'statutory term',
	serviceNorm: 'our target',
	stepsTitle: 'What happens to your request?',
	outcomesTitle: 'How can your request end?',
	evidence: 'Proof',
	login: {
		none: 'You do not need to log in.',
		optional: 'You can apply with or without logging in.',
		required: 'You need to log in to apply.'
	},
	legalBasis: 'Legislation'
};

export const messages = { nl, en };

export const categoryLabels: Record<Category, { nl: string; en: string }> = {
	BurgerOverheid: { nl: 'Burger en overheid', en: 'Citizens and government' },
	BouwenWonen: { nl: 'Bouwen en wonen', en: 'Building and housing' },
	CultuurSportVrijeTijd: { nl: 'Cultuur, sport en vrije tijd', en: 'Culture, sport and leisure' },
	EconomieWerk: { nl: 'Economie en werk', en: 'Economy and work' },
	MilieuEnergie: { nl: 'Milieu en energie', en: 'Environment and energy' },
	MobiliteitOpenbareWerken: {
		nl: 'Mobiliteit en openbare werken',
		en: 'Mobility and public works'
	},
	OnderwijsWetenschap: { nl: 'Onderwijs en wetenschap', en: 'Education and science' },
	WelzijnGezondheid: { nl: 'Welzijn en gezondheid', en: 'Welfare and health' }
};

export const audienceLabels: Record<Audience, { nl: string; en: string }> = {
	burger: { nl: 'Burgers', en: 'Citizens' },
	onderneming: { nl: 'Ondernemingen', en: 'Businesses' },
	vereniging: { nl: 'Verenigingen', en: 'Associations' }
};
