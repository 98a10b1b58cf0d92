// The walk through a form, shared with the browser: $lib/process/steps (the form runner,
// $lib/process/runner, walks it page by page and refuses names a page does not post).
export {
	CHECK_PAGE,
	findNextStep,
	findPreviousStep,
	findStartStep,
	resolvePage,
	type PageResolution
} from '$lib/process/steps';
