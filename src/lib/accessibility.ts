// The facts of the accessibility statement (toegankelijkheidsverklaring) that change over time, in
// one place: update them here whenever the site is evaluated again. The page under
// /toegankelijkheid shows them; its texts are in the nl and en messages.

/** Where the site stands against WCAG 2.1 level AA (EN 301 549): the Flemish model's wording. */
export const conformance = 'partial' as const;

/** The day this statement was drawn up ('YYYY-MM-DD'). */
export const statementDate = '2026-12-04';

/** The day of the last evaluation ('YYYY-MM-DD'): the axe checks and the keyboard walkthrough. */
export const evaluationDate = '2026-12-04';

/** How many working days the municipality takes to answer a report about accessibility. */
export const replyWorkingDays = 5;
