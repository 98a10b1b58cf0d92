// The JSON Schema of the definition format, generated from the zod schema so that editors can
// autocomplete and check `forms/*.json`. Cross-references (conditions, workflow) are checked by
// the loader only; JSON Schema cannot express them.
import { z } from 'zod';
import { processDefinition } from './definition';

export function buildJsonSchema(): string {
	const schema = z.toJSONSchema(processDefinition, {
		io: 'input',
		unrepresentable: 'any',
		target: 'draft-2020-12'
	});
	return (
		JSON.stringify({ ...schema, $id: 'https://loket.example/forms/schema.json' }, null, '\t') + '\n'
	);
}
