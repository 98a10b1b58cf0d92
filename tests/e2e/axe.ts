// Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails on any violation, listing
// each rule and the elements it found.
//
// axe-core is run here directly rather than through @axe-core/playwright, whose default run put
// the 580 kB axe source into the page twice per check and opened a fresh page to merge the
// results: about 350 checks per suite run made that a large part of the end-to-end suite's CPU
// (CI time). Here axe goes into each document once (a check on the same document
// reuses it), runs in the page with `axe.run` (same-origin frames included, as axe itself reaches
// them), and only the violations come back.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Frame, type Page } from '@playwright/test';
import type { RunOptions } from 'axe-core';

const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** Puts axe into the frame unless its document has it already. */
async function install(frame: Frame): Promise<void> {
	try {
		const present = await frame.evaluate(
			() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'
		);
		if (present) return;
		await frame.evaluate(source);
		await frame.evaluate(
			"axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'loket-e2e' } })"
		);
	} catch {
		// A frame that went away or is not ours: axe reports what it cannot reach.
	}
}

async function violations(page: Page, options: RunOptions): Promise<Violation[]> {
	for (const frame of page.frames()) await install(frame);
	return page.evaluate(
		async (options) => {
			type Axe = {
				run(
					context: Document,
					options: unknown
				): Promise<{
					violations: {
						id: string;
						impact?: string | null;
						help: string;
						nodes: { target: unknown[] }[];
					}[];
				}>;
			};
			const axe = (window as unknown as { axe: Axe }).axe;
			const results = await axe.run(document, { ...options, resultTypes: ['violations'] });
			return results.violations.map((v) => ({
				id: v.id,
				impact: v.impact ?? null,
				help: v.help,
				targets: v.nodes.map((n) => n.target.flat(3).join(' '))
			}));
		},
		options as Record<string, unknown>
	);
}

export async function expectAccessible(page: Page): Promise<void> {
	const found = await violations(page, { runOnly: { type: 'tag', values: WCAG } });
	const listed = found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
	expect(listed, `axe on ${page.url()}`).toEqual([]);
}

/**
 * The landmark rules axe files under best practice (not WCAG tags), run with frames: one banner,
 * main and contentinfo per page, and no two landmarks of one kind with the same name. A framed
 * page with its own site header trips them.
 */
export async function expectUniqueLandmarks(page: Page): Promise<void> {
	const found = await violations(page, {
		runOnly: {
			type: 'rule',
			values: [
				'landmark-unique',
				'landmark-no-duplicate-banner',
				'landmark-no-duplicate-contentinfo',
				'landmark-no-duplicate-main',
				'landmark-one-main'
			]
		}
	});
	const listed = found.map((v) => `${v.id}: ${v.targets.join(', ')}`);
	expect(listed, `landmarks on ${page.url()}`).toEqual([]);
}
