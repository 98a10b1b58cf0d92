// Errors of the API as RFC 9457 problem details: a JSON object with a `type` (a link to its
// explanation on the reference page), a short `title`, the `status`, a `detail` for this case and,
// for bad input, the `errors` per field. Clients can rely on `type`; the words may change.
export type ProblemType =
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'bad-request'
	| 'invalid'
	| 'unsupported-media-type'
	| 'too-large'
	| 'idempotency-key-reused'
	| 'conflict'
	| 'not-allowed'
	| 'rate-limited'
	| 'unavailable'
	| 'server-error';

export type FieldError = { name: string; message: string };

export type Problem = {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: FieldError[];
	[extra: string]: unknown;
};

const titles: Record<ProblemType, string> = {
	unauthorized: 'A valid API token is required',
	forbidden: 'This token may not do this',
	'not-found': 'Not found',
	'bad-request': 'Bad request',
	invalid: 'The request has invalid values',
	'unsupported-media-type': 'The body must be JSON (or, for a file, the file itself)',
	'too-large': 'The body is too large',
	'idempotency-key-reused': 'This Idempotency-Key was used with another request',
	conflict: 'The dossier changed since the version you sent',
	'not-allowed': 'This transition is not allowed now',
	'rate-limited': 'Too many requests',
	unavailable: 'Temporarily unavailable: try again shortly',
	'server-error': 'Something went wrong on our side'
};

export const PROBLEM_TYPES = Object.keys(titles) as ProblemType[];

export function problemTypeUri(type: ProblemType): string {
	return `/api/v1/docs#problem-${type}`;
}

export function problemTitle(type: ProblemType): string {
	return titles[type];
}

export function problem(
	type: ProblemType,
	status: number,
	extra: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } & Record<
		string,
		unknown
	> = {}
): Response {
	const { headers, ...rest } = extra;
	const body: Problem = { type: problemTypeUri(type), title: titles[type], status, ...rest };
	return new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/problem+json',
			'cache-control': 'no-store',
			...(status === 401 ? { 'www-authenticate': 'Bearer realm="loket"' } : {}),
			...headers
		}
	});
}
