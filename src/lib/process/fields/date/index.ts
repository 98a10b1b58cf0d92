// A calendar date, posted and stored as YYYY-MM-DD and shown in words ("17 mei 1990").
import { formatDate } from '../../format';
import { textInputModule } from '../module';
import type { DateField } from './definition';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isValidIsoDate(v: string): boolean {
	if (!DATE.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function resolveBound(bound: string | undefined, today: string): string | undefined {
	return bound === 'today' ? today : bound;
}

export const date = textInputModule<DateField, string>({
	kind: 'string',
	read(raw, f, { messages: m, label, today }) {
		if (!isValidIsoDate(raw)) return { message: m.date({ label }) };
		const from = resolveBound(f.notBefore, today);
		const to = resolveBound(f.notAfter, today);
		if (from && raw < from)
			return { message: m.dateNotBefore({ label, date: m.formatDate(from) }) };
		if (to && raw > to) return { message: m.dateNotAfter({ label, date: m.formatDate(to) }) };
		return { value: raw };
	},
	display: (_f, value, { locale }) => formatDate(value, locale)
});
