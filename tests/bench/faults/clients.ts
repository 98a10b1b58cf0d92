// Load for the fault scenarios: concurrent "phones" that each file report after report with a
// photo through the device endpoint (POST /p/<id>/aanvragen/verzenden, the whole submission in one
// multipart request), and resend with the same submissionId whenever the answer is not "filed",
// as the app's offline queue does. Every acknowledgement (the reference the server returned) is
// kept, to be checked against the database afterwards.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { formData } from '../load/client';
import { deviceReport } from '../load/journeys';

export const PROCESS_ID = 'melding-openbaar-domein';

/** A 1×1 PNG; random bytes after its end make every photo different (and a different file). */
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

export type Submission = {
	submissionId: string;
	description: string;
	photo: Uint8Array<ArrayBuffer>;
	sha256: string;
};

export type Acknowledged = { submission: Submission; reference: string };

export type Stats = {
	acknowledged: Map<string, Acknowledged>;
	requests: number;
	/** Sends of a submission after its first. */
	retries: number;
	unavailable: number;
	/** 503s without Retry-After or without the JSON body the device expects. */
	unavailableMalformed: number;
	/** Other 5xx answers: an error the server did not recognise as temporary. */
	serverErrors: number;
	/** No answer at all: connection refused or cut (the app down or killed). */
	networkErrors: number;
	networkMessages: Set<string>;
	/** 4xx or "not filed": the bench's own submission was refused, which should never happen. */
	refused: number;
	refusals: string[];
	/** Submissions still not acknowledged when the clients were told to stop and their deadline passed. */
	unfinished: number;
};

export function newStats(): Stats {
	return {
		acknowledged: new Map(),
		requests: 0,
		retries: 0,
		unavailable: 0,
		unavailableMalformed: 0,
		serverErrors: 0,
		networkErrors: 0,
		networkMessages: new Set(),
		refused: 0,
		refusals: [],
		unfinished: 0
	};
}

export function makeSubmission(): Submission {
	const submissionId = randomUUID();
	const photo = new Uint8Array(Buffer.concat([PNG, randomBytes(32)]));
	return {
		submissionId,
		photo,
		sha256: createHash('sha256').update(photo).digest('hex'),
		// The audit finds the dossier of each acknowledgement by this marker.
		description: `Put in het wegdek (bench ${submissionId})`
	};
}

export type Reply =
	| { kind: 'filed'; reference: string }
	| { kind: 'unavailable'; wellFormed: boolean }
	| { kind: 'serverError'; status: number }
	| { kind: 'network'; message: string }
	| { kind: 'refused'; status: number; body: string };

/** Sends one submission once. */
export async function send(base: string, s: Submission): Promise<Reply> {
	const { submissionId, description } = s;
	const body = formData(deviceReport(s.photo, { submissionId, description }));
	let response: Response;
	try {
		response = await fetch(`${base}/p/${PROCESS_ID}/aanvragen/verzenden`, {
			method: 'POST',
			body,
			headers: { accept: 'application/json', origin: base },
			signal: AbortSignal.timeout(30_000)
		});
	} catch (e) {
		const cause = (e as Error).cause as Error | undefined;
		return { kind: 'network', message: `${(e as Error).message}: ${cause?.message ?? ''}` };
	}
	const text = await response.text().catch(() => '');
	if (response.status === 503) {
		let json: { status?: string } = {};
		try {
			json = JSON.parse(text) as { status?: string };
		} catch {
			// Not JSON: counted as malformed below.
		}
		const wellFormed =
			Number(response.headers.get('retry-after')) > 0 && json.status === 'unavailable';
		return { kind: 'unavailable', wellFormed };
	}
	if (response.status >= 500) return { kind: 'serverError', status: response.status };
	try {
		const json = JSON.parse(text) as { status?: string; reference?: string };
		if (response.ok && json.status === 'filed' && json.reference)
			return { kind: 'filed', reference: json.reference };
	} catch {
		// Falls through: refused.
	}
	return { kind: 'refused', status: response.status, body: text.slice(0, 300) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends until the server acknowledges it (or refuses it, or the deadline passes). */
async function fileOne(base: string, s: Submission, stats: Stats, deadline: () => number) {
	for (let attempt = 0; ; attempt++) {
		if (attempt > 0) stats.retries++;
		stats.requests++;
		const reply = await send(base, s);
		switch (reply.kind) {
			case 'filed':
				stats.acknowledged.set(s.submissionId, { submission: s, reference: reply.reference });
				return;
			case 'refused':
				stats.refused++;
				if (stats.refusals.length < 5) stats.refusals.push(`${reply.status} ${reply.body}`);
				return;
			case 'unavailable':
				stats.unavailable++;
				if (!reply.wellFormed) stats.unavailableMalformed++;
				break;
			case 'serverError':
				stats.serverErrors++;
				break;
			case 'network':
				stats.networkErrors++;
				stats.networkMessages.add(reply.message);
				break;
		}
		if (Date.now() > deadline()) {
			stats.unfinished++;
			return;
		}
		// The app's queue waits for the connection to return; the bench retries soon, to press on.
		await pause(150 + Math.random() * 250);
	}
}

/** Starts `count` clients; `stop()` lets each finish (acknowledge) the submission it is on. */
export function startClients(base: string, count: number, stats: Stats) {
	let stopping = false;
	let deadline = Number.POSITIVE_INFINITY;
	const clients = Array.from({ length: count }, async () => {
		while (!stopping) await fileOne(base, makeSubmission(), stats, () => deadline);
	});
	return {
		stop: async (finishWithinMs = 60_000) => {
			stopping = true;
			deadline = Date.now() + finishWithinMs;
			await Promise.all(clients);
		}
	};
}
