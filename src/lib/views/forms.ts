// What a back-office form did, as superforms' `message` carries it from the action to the page:
// a sentence in the request's language, its tone, and (on pages where results are shown in a
// place of their own rather than beside the form) that place.
export type FormNotice = {
	text: string;
	tone: 'info' | 'error';
	/** Where on the page the notice is shown, when that is not beside the form itself. */
	on?: string;
	/** The page is out of date (another person's change): offer to load it again. */
	reload?: boolean;
};
