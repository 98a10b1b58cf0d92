// A UUID as Loket writes it in URLs and forms: 8-4-4-4-12 hex digits, any case, any version.
// One test for the route matcher (src/params/uuid.ts) and the services that look an id up, so a
// value PostgreSQL would refuse to cast never reaches a query.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of a UUID (the database's `uuid` type accepts it). */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}
