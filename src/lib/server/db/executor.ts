// What a repository runs its queries on: the database itself, or a transaction a service opened.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

export type Executor = Kysely<Database> | Transaction<Database>;
