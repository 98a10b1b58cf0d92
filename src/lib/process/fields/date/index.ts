// A calendar date, posted and stored as YYYY-MM-DD and shown in words ("17 mei 1990").
import { formatDate } from '../../format';
import { empty, fail, postsText, readText, writeText, type FieldModule } from '../module';
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

export const date: FieldModule<DateField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const { messages: m, label } = ctx;
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		if (!isValidIsoDate(raw)) return fail(f.key, m.date({ label }));
		const from = resolveBound(f.notBefore, ctx.today);
		const to = resolveBound(f.notAfter, ctx.today);
		if (from && raw < from)
			return fail(f.key, m.dateNotBefore({ label, date: m.formatDate(from) }));
		if (to && raw > to) return fail(f.key, m.dateNotAfter({ label, date: m.formatDate(to) }));
		return { value: raw, issues: [] };
	},
	write: writeText,
	display: (_f, value, { locale }) => formatDate(value, locale)
};
