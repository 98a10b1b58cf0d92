// superforms reports the errors of an array value (checkboxes, files) as { _errors: [...] } and
// those of other values as [...]; the form components want one list of messages per posted name.
export type FieldErrors = Record<string, string[] | undefined>;

export function flattenErrors(errors: unknown): FieldErrors {
	const flat: FieldErrors = {};
	if (!errors || typeof errors !== 'object') return flat;
	for (const [name, value] of Object.entries(errors)) {
		if (Array.isArray(value)) flat[name] = value.map(String);
		else if (
			value &&
			typeof value === 'object' &&
			Array.isArray((value as { _errors?: unknown })._errors)
		)
			flat[name] = (value as { _errors: unknown[] })._errors.map(String);
	}
	return flat;
}
