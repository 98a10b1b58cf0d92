// The API reference page's content, read from the OpenAPI document (openapi.ts), so the page
// always says what the server enforces: the endpoints grouped by tag, each with its scope,
// parameters, body fields, responses and a curl example; the named schemas; the problem types
// that problem details link to. Texts from the document are English and may hold `code`: they are
// split into plain and code runs here, so the page never renders HTML from the document.

/** A line of text: plain runs and `code` runs, in order. */
export type RichText = { code: boolean; text: string }[];

export type FieldRow = {
	name: string;
	/** 'path', 'query' (parameters) or null (fields of a body or schema). */
	location: string | null;
	type: string;
	required: boolean;
	description: RichText;
};

export type ResponseRow = {
	status: string;
	description: RichText;
	mediaType: string | null;
	/** The named schema of the response, with its anchor on the page. */
	schema: { name: string; anchor: string } | null;
};

export type OperationView = {
	anchor: string;
	method: string;
	path: string;
	summary: string;
	description: RichText[];
	scope: string;
	parameters: FieldRow[];
	body: { schema: string | null; fields: FieldRow[] } | null;
	responses: ResponseRow[];
	curl: string;
};

export type TagView = {
	name: string;
	anchor: string;
	description: RichText;
	operations: OperationView[];
};

export type SchemaView = {
	name: string;
	anchor: string;
	description: RichText;
	fields: FieldRow[];
};

export type ProblemTypeView = { anchor: string; type: string; title: string };

export type Reference = {
	title: string;
	version: string;
	baseUrl: string;
	tags: TagView[];
	schemas: SchemaView[];
	problemTypes: ProblemTypeView[];
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json => (isObject(v) ? v : {});

/** Splits `code` runs out of a text; an unmatched backtick stays plain. */
export function richText(text: string): RichText {
	const parts = text.split('`');
	if (parts.length % 2 === 0) return text ? [{ code: false, text }] : [];
	return parts.flatMap((part, i) => (part ? [{ code: i % 2 === 1, text: part }] : []));
}

function paragraphs(text: string): RichText[] {
	return text
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map(richText);
}

const refName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);
export const schemaAnchor = (name: string): string => `schema-${name}`;

/** A schema's type in one short line: `string (uuid)`, `array of Dossier`, `"a" | "b"`. */
export function typeOf(schema: unknown): string {
	if (!isObject(schema)) return 'any';
	if (typeof schema.$ref === 'string') return refName(schema.$ref);
	if ('const' in schema) return JSON.stringify(schema.const);
	if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
	const union = schema.anyOf ?? schema.oneOf;
	if (Array.isArray(union)) return union.map(typeOf).join(' | ');
	const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
		(t): t is string => typeof t === 'string'
	);
	if (types.length === 0) return 'any';
	return types
		.map((t) =>
			t === 'array'
				? `array of ${typeOf(schema.items)}`
				: t === 'string' && typeof schema.format === 'string'
					? `string (${schema.format})`
					: t
		)
		.join(' | ');
}

/** The schema itself, or the named one it refers to. */
function resolveSchema(schema: unknown, components: Json): Json {
	if (isObject(schema) && typeof schema.$ref === 'string')
		return obj(components[refName(schema.$ref)]);
	return obj(schema);
}

/** The properties of an object schema as rows; none for other schemas. */
function fieldsOf(schema: unknown, components: Json): FieldRow[] {
	const resolved = resolveSchema(schema, components);
	const required = new Set(Array.isArray(resolved.required) ? resolved.required : []);
	return Object.entries(obj(resolved.properties)).map(([name, field]) => ({
		name,
		location: null,
		type: typeOf(field),
		required: required.has(name),
		description: richText(str(obj(field).description))
	}));
}

/** The scope is shown on its own, so the document's sentence saying it is left out. */
const SCOPE_SENTENCE = /^Requires the `\w+` scope\.$/;

/** A JSON body with the required fields, as an example for curl. */
function exampleBody(schema: unknown, components: Json): string {
	const resolved = resolveSchema(schema, components);
	const required = Array.isArray(resolved.required) ? resolved.required.map(String) : [];
	const properties = obj(resolved.properties);
	const example: Json = {};
	for (const name of required) {
		const type = typeOf(properties[name]);
		example[name] =
			type.startsWith('integer') || type.startsWith('number')
				? 1
				: type === 'boolean'
					? false
					: type.startsWith('array')
						? []
						: '…';
	}
	return JSON.stringify(example);
}

/** `{attachmentId}` → `$ATTACHMENT_ID`: a shell variable, which curl does not glob. */
const shellVariable = (name: string): string =>
	'$' + name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function curlExample(
	method: string,
	url: string,
	operation: Json,
	components: Json,
	binary: boolean
): string {
	const lines = [
		`curl${method === 'GET' ? '' : ` -X ${method}`} "${url.replace(/\{(\w+)\}/g, (_, n: string) => shellVariable(n))}"`
	];
	lines.push(`  -H "Authorization: Bearer $LOKET_TOKEN"`);
	for (const p of Array.isArray(operation.parameters) ? operation.parameters.map(obj) : [])
		if (p.in === 'header' && p.required === true) {
			const example = str(obj(p.schema).example);
			lines.push(
				example
					? `  -H '${str(p.name)}: ${example}'`
					: `  -H "${str(p.name)}: ${shellVariable(str(p.name).replace(/-/g, ''))}"`
			);
		}
	const content = obj(obj(operation.requestBody).content);
	const body = obj(content['application/json']).schema;
	if (!body && content['application/octet-stream']) {
		lines.push(`  -H "Content-Type: application/pdf"`);
		lines.push(`  --data-binary @document.pdf`);
	}
	if (body) {
		lines.push(`  -H "Content-Type: application/json"`);
		lines.push(`  -d '${exampleBody(body, components)}'`);
	}
	if (binary) lines.push('  -o attachment');
	return lines.join(' \\\n');
}

function responsesOf(operation: Json): { rows: ResponseRow[]; binary: boolean } {
	let binary = false;
	const rows = Object.entries(obj(operation.responses))
		.sort(([a], [b]) => Number(a) - Number(b))
		.map(([status, response]) => {
			const content = obj(obj(response).content);
			const mediaType = Object.keys(content)[0] ?? null;
			if (Number(status) < 300 && mediaType && !mediaType.includes('json')) binary = true;
			const schema = mediaType ? obj(content[mediaType]).schema : undefined;
			const ref = isObject(schema) && typeof schema.$ref === 'string' ? refName(schema.$ref) : null;
			return {
				status,
				description: richText(str(obj(response).description)),
				mediaType,
				schema: ref ? { name: ref, anchor: schemaAnchor(ref) } : null
			};
		});
	return { rows, binary };
}

function operationView(
	method: string,
	path: string,
	operation: Json,
	baseUrl: string,
	components: Json
): OperationView {
	const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).map(
		(p): FieldRow => {
			const param = obj(p);
			return {
				name: str(param.name),
				location: str(param.in) || null,
				type: typeOf(param.schema),
				required: param.required === true,
				description: richText(str(param.description))
			};
		}
	);
	const bodySchema = obj(obj(obj(operation.requestBody).content)['application/json']).schema;
	const { rows, binary } = responsesOf(operation);
	const upper = method.toUpperCase();
	return {
		anchor: `op-${str(operation.operationId) || `${method}-${path}`.replace(/[^\w-]+/g, '-')}`,
		method: upper,
		path,
		summary: str(operation.summary),
		description: paragraphs(str(operation.description)).filter(
			(p) => !SCOPE_SENTENCE.test(p.map((r) => (r.code ? `\`${r.text}\`` : r.text)).join(''))
		),
		scope: str(operation['x-scope']),
		parameters,
		body: bodySchema
			? {
					schema:
						isObject(bodySchema) && typeof bodySchema.$ref === 'string'
							? refName(bodySchema.$ref)
							: null,
					fields: fieldsOf(bodySchema, components)
				}
			: null,
		responses: rows,
		curl: curlExample(upper, baseUrl + path, operation, components, binary)
	};
}

/** The page's content from the OpenAPI document. */
export function describeReference(document: unknown): Reference {
	const doc = obj(document);
	const info = obj(doc.info);
	const components = obj(obj(doc.components).schemas);
	const baseUrl = str(obj(Array.isArray(doc.servers) ? doc.servers[0] : undefined).url);
	const operations: { tag: string; view: OperationView }[] = [];
	for (const [path, item] of Object.entries(obj(doc.paths)))
		for (const [method, operation] of Object.entries(obj(item))) {
			const op = obj(operation);
			const tag = str(Array.isArray(op.tags) ? op.tags[0] : '') || 'API';
			operations.push({ tag, view: operationView(method, path, op, baseUrl, components) });
		}
	const declared = (Array.isArray(doc.tags) ? doc.tags : []).map(obj);
	const names = [
		...new Set([...declared.map((t) => str(t.name)), ...operations.map((o) => o.tag)])
	].filter(Boolean);
	const tags = names
		.map((name) => ({
			name,
			anchor: `tag-${name.toLowerCase().replace(/[^\w-]+/g, '-')}`,
			description: richText(str(declared.find((t) => t.name === name)?.description)),
			operations: operations.filter((o) => o.tag === name).map((o) => o.view)
		}))
		.filter((t) => t.operations.length > 0);
	const schemas = Object.entries(components)
		.filter(([, schema]) => isObject(schema) && isObject(schema.properties))
		.map(([name, schema]) => ({
			name,
			anchor: schemaAnchor(name),
			description: richText(str(obj(schema).description)),
			fields: fieldsOf(schema, components)
		}));
	const problemTypes = (Array.isArray(doc['x-problem-types']) ? doc['x-problem-types'] : [])
		.map(obj)
		.map((p) => ({
			type: str(p.type),
			anchor: str(p.type).split('#')[1] ?? '',
			title: str(p.title)
		}))
		.filter((p) => p.anchor);
	return {
		title: str(info.title),
		version: str(info.version),
		baseUrl,
		tags,
		schemas,
		problemTypes
	};
}
