import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { type CreateTableBuilder, type Generated, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";

/** Times are ISO-8601 UTC strings and booleans 0/1 integers, so both dialects hold the same values. */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  restaurant_id: string | null;
  created_at: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  details: string | null;
  /** Repeats of one event folded into this row (sign-in failures of an account from an address in a minute). */
  repeat_key: string | null;
  count: Generated<number>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  body_hash: string;
  status: number | null;
  response: string | null;
  created_at: string;
}

export interface UpstreamCacheTable {
  key: string;
  value: string;
  fetched_at: string;
}

export interface UpstreamCacheEpochsTable {
  prefix: string;
  epoch: number;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface CoreDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  upstream_cache: UpstreamCacheTable;
  upstream_cache_epochs: UpstreamCacheEpochsTable;
  login_throttle: LoginThrottleTable;
}

export type Db = Kysely<CoreDatabase>;

export interface DbOptions {
  /** PostgreSQL only: the schema to use (created when missing); tests use one each. */
  schema?: string;
}

/** `sqlite:<path>` (or `sqlite::memory:`) opens an embedded file; `postgres://…` a pool. */
export function createDb(url: string, options: DbOptions = {}): Db {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length) || ":memory:";
    if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
    const database = new SQLite(file);
    database.pragma("journal_mode = WAL");
    database.pragma("busy_timeout = 5000");
    database.pragma("foreign_keys = ON");
    return new Kysely<CoreDatabase>({ dialect: new SqliteDialect({ database }) });
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  return new Kysely<CoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key in either dialect. */
export function withAutoId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>, column = "id") {
  return isPostgres(db) ? table.addColumn(column, "serial", (c) => c.primaryKey()) : table.addColumn(column, "integer", (c) => c.primaryKey().autoIncrement());
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

export const nowIso = () => new Date().toISOString();
