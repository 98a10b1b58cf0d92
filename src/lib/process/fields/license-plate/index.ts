// A licence plate: stored normalised, shown and filled in again the way it is written
// (1-ABC-123). Its checks live in ../../validators.
import { formatLicensePlate, parseLicensePlate } from '../../validators/license-plate';
import { empty, fail, postsText, readText, type FieldModule } from '../module';
import type { LicensePlateField } from './definition';

export const licensePlate: FieldModule<LicensePlateField, string> = {
	kind: 'string',
	posted: postsText,
	read(f, flat, ctx) {
		const raw = readText(flat, f.key);
		if (!raw) return empty(f, ctx);
		const parsed = parseLicensePlate(raw);
		return parsed.ok
			? { value: parsed.value.normalized, issues: [] }
			: fail(f.key, ctx.messages.licensePlate({ label: ctx.label }));
	},
	write: (f, value) => ({ [f.key]: value === undefined ? '' : formatLicensePlate(value) }),
	display: (_f, value) => formatLicensePlate(value)
};
