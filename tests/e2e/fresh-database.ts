// Makes the database named by the URL in argv[2] anew (dropped if it exists, then created empty),
// through the server's maintenance database: the second end-to-end server (the specs that run
// alone, see playwright.config.ts) starts on it as the first starts on DATABASE_URL.
import pg from 'pg';

const url = new URL(process.argv[2] ?? '');
const name = decodeURIComponent(url.pathname.slice(1));
if (!/test|ci|e2e/i.test(name)) {
	console.error(`Refusing to recreate database "${name}": its name must contain test, ci or e2e`);
	process.exit(1);
}
url.pathname = '/postgres';
const client = new pg.Client({ connectionString: url.toString() });
await client.connect();
const id = `"${name.replace(/"/g, '""')}"`;
await client.query(`drop database if exists ${id} with (force)`);
await client.query(`create database ${id}`);
await client.end();
console.log(`Database ${name} is new and empty.`);
