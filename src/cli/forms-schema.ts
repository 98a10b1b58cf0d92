// npm run forms:schema — writes forms/schema.json from the zod definition schema.
import { writeFileSync } from 'node:fs';
import { buildJsonSchema } from '../lib/process/json-schema';

writeFileSync(new URL('../../forms/schema.json', import.meta.url), buildJsonSchema());
console.log('forms/schema.json written');
