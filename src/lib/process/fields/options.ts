// What the choice field types share: one answer from a fixed list, and option labels for display.
import { localize, type Locale, type LocalText } from '../text';
import { fail, readText, type Flat, type ReadContext, type ReadResult } from './module';

type WithOptions = {
	key: string;
	required: boolean;
	options: { value: string; label: LocalText }[];
};

/** One value from the field's options; a required one left empty asks to choose. */
export function readOneOf(
	f: WithOptions,
	flat: Flat,
	ctx: ReadContext<string>
): ReadResult<string> {
	const chooseOne = () => fail(f.key, ctx.messages.chooseOne({ label: ctx.label }));
	const raw = readText(flat, f.key);
	if (!raw) return f.required ? chooseOne() : { issues: [] };
	return f.options.some((o) => o.value === raw) ? { value: raw, issues: [] } : chooseOne();
}

/** An option's label in the locale (the value itself for an option no longer offered). */
export function labelOf(f: WithOptions, value: string, locale: Locale): string {
	const option = f.options.find((o) => o.value === value);
	return option ? localize(option.label, locale) : value;
}
