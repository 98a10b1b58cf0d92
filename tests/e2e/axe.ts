// Runs axe (WCAG 2.0/2.1 A and AA) on the page as it is now and fails on any violation, listing
// each rule and the elements it found.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const violations = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(violations, `axe on ${page.url()}`).toEqual([]);
}

/**
 * The landmark rules axe files under best practice (not WCAG tags), run with frames: one banner,
 * main and contentinfo per page, and no two landmarks of one kind with the same name. A framed
 * page with its own site header trips them.
 */
export async function expectUniqueLandmarks(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withRules([
			'landmark-unique',
			'landmark-no-duplicate-banner',
			'landmark-no-duplicate-contentinfo',
			'landmark-no-duplicate-main',
			'landmark-one-main'
		])
		.analyze();
	const violations = results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(violations, `landmarks on ${page.url()}`).toEqual([]);
}
