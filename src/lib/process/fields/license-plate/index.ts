// A licence plate: stored normalised, shown and filled in again the way it is written
// (1-ABC-123). Its checks live in ../../validators.
import { formatLicensePlate, parseLicensePlate } from '../../validators/license-plate';
import { textInputModule } from '../module';
import type { LicensePlateField } from './definition';

export const licensePlate = textInputModule<LicensePlateField, string>({
	kind: 'string',
	read(raw, _f, ctx) {
		const parsed = parseLicensePlate(raw);
		return parsed.ok
			? { value: parsed.value.normalized }
			: { message: ctx.messages.licensePlate({ label: ctx.label }) };
	},
	write: formatLicensePlate
});
