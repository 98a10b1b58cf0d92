// Belgian telephone numbers as Belgians write them, following the Belgian numbering plan (BIPT):
// mobile numbers 04xx xx xx xx, the one-digit zones Brussels (02), Antwerp (03), Liège (04) and
// Ghent (09) as 0x xxx xx xx, the other zones as 0xx xx xx xx, free and premium numbers as
// 0800 xx xxx, and Belgian numbers written internationally as +32 followed by the same groups.
// The answer is stored as its digits (see the tel field); this only changes how it is shown.

/** One-digit area codes; every other geographic zone has two digits. */
const ONE_DIGIT_ZONES = new Set(['2', '3', '4', '9']);

/** The groups of a Belgian number without its leading 0 (or +32), or null when it is not one. */
function groupNational(n: string): string[] | null {
	if (/^4[5-9]\d{7}$/.test(n)) return [n.slice(0, 3), n.slice(3, 5), n.slice(5, 7), n.slice(7)];
	if (/^(800|90\d)\d{5}$/.test(n)) return [n.slice(0, 3), n.slice(3, 5), n.slice(5)];
	if (!/^[1-9]\d{7}$/.test(n)) return null;
	return ONE_DIGIT_ZONES.has(n[0])
		? [n[0], n.slice(1, 4), n.slice(4, 6), n.slice(6)]
		: [n.slice(0, 2), n.slice(2, 4), n.slice(4, 6), n.slice(6)];
}

/**
 * A telephone number grouped the Belgian way: 0470 12 34 56, 02 123 45 67, 011 12 34 56,
 * +32 470 12 34 56. A number that is not Belgian, or not of a known length, is given back as it is.
 */
export function formatPhoneNumber(phone: string): string {
	const international = /^(?:\+|00)32(\d+)$/.exec(phone);
	const national = /^0(\d+)$/.exec(phone);
	const digits = international?.[1] ?? (phone.startsWith('00') ? null : national?.[1]);
	const groups = digits ? groupNational(digits) : null;
	if (!groups) return phone;
	return international ? `+32 ${groups.join(' ')}` : `0${groups[0]} ${groups.slice(1).join(' ')}`;
}
