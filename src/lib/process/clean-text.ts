// Text a person typed, as we keep it: without the invisible characters that change the direction
// in which text is shown. A right-to-left override in "‮gnp.exe" makes a staff screen show
// "exe.png"; no answer, message or name of ours needs one, so they are dropped where text is read.

/**
 * The bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates
 * (U+2066–U+2069) and the marks U+200E, U+200F and U+061C.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text without bidirectional control characters; everything else is kept as typed. */
export function stripBidiControls(text: string): string {
	return text.replace(BIDI_CONTROLS, '');
}
