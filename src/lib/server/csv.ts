// CSV as the back-office's exports write it: `;`-separated (as Excel in Belgium expects), every cell
// quoted, and no cell a spreadsheet would run as a formula.

/**
 * One CSV cell. Text a spreadsheet would read as a formula (=, +, -, @, tab, carriage return) gets
 * a leading apostrophe; every cell is quoted, quotes doubled.
 */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return `"${safe.replace(/"/g, '""')}"`;
}
