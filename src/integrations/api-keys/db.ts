import { type CreateTableBuilder, type Generated, type Kysely, type Migration, sql } from "kysely";
import { type Db, withAutoId } from "../../server/db/database";

/**
 * The tables, their columns written as SQL reads them (`name type [primary key] [not null] [unique]`);
 * the migration creates them from this and their TypeScript types are read from it, so the two cannot drift.
 */
const SCHEMA = {
  /** What the last sync saw of each key: never its secret, which the upstream sends only once on create. */
  api_keys_key_snapshots:
    "id text primary key, user_id text not null, name text not null, purpose text not null, key_prefix text not null, created_at text not null, last_used_at text, total_requests integer not null, revoked_at text, synced_at text not null",
  /** `purpose`: the key's integration type when the key is known (tasks are tagged on ingest); `synced_at`: when stored or last changed. */
  api_keys_tasks:
    "id text primary key, user_id text not null, api_key_id text, purpose text, type text not null, status text not null, email_count integer not null, valid_count integer not null, invalid_count integer not null, unknown_count integer not null, created_at text not null, completed_at text, synced_at text not null",
  /** The last sync of each key: when, ok (1) or failed (0), and why. */
  api_keys_key_sync_state: "key_id text primary key, synced_at text not null, ok integer not null, error text",
  /** A balance never goes below zero (a check constraint too); `shortfall` is what deductions could not take. */
  user_credits: "user_id text primary key, balance integer not null, shortfall integer not null, updated_at text not null",
  /**
   * Every grant and deduction. `task_id` is unique: a task can be deducted once, whoever sees it. `amount`: what was asked
   * (the task's email_count, 1 for a single verify, or a grant's size); `applied`: what was taken or added.
   */
  api_keys_credit_ledger:
    "id auto, user_id text not null, task_id text unique, kind text not null, amount integer not null, applied integer not null, shortfall integer not null, balance_after integer not null, at text not null",
  /** `slot`: the interval a scheduled run belongs to; unique, so one replica alone runs each interval. Null on demand. */
  api_keys_sync_runs:
    "id auto, slot bigint unique, trigger text not null, replica text not null, started_at text not null, finished_at text, ok integer, error text, keys integer not null, tasks integer not null, deducted integer not null",
} as const;

type Value<S extends string> = S extends "auto"
  ? Generated<number>
  : (S extends `text${string}` ? string : number) | (S extends `${string}not null` | `${string}primary key` ? never : null);
type Columns<S extends string> = S extends `${infer Name} ${infer Spec}, ${infer Rest}`
  ? { [K in Name]: Value<Spec> } & Columns<Rest>
  : S extends `${infer Name} ${infer Spec}`
    ? { [K in Name]: Value<Spec> }
    : unknown;
type Flat<T> = { [K in keyof T]: T[K] };
export type ApiKeysTables = { -readonly [T in keyof typeof SCHEMA]: Flat<Columns<(typeof SCHEMA)[T]>> };

export type ApiKeysDb = Kysely<Db extends Kysely<infer C> ? C & ApiKeysTables : never>;
export const tables = (db: Db): ApiKeysDb => db.withTables<ApiKeysTables>();

function createTable(db: Kysely<any>, name: keyof typeof SCHEMA) {
  let t: CreateTableBuilder<string, never> = db.schema.createTable(name);
  for (const column of SCHEMA[name].split(", ")) {
    const [col, type] = column.split(" ");
    if (type === "auto") t = withAutoId(db, t);
    else
      t = t.addColumn(col, type as "text", (c) => {
        if (column.includes("primary key")) c = c.primaryKey();
        if (column.includes("not null")) c = c.notNull();
        return column.includes("unique") ? c.unique() : c;
      });
  }
  return t;
}

export const apiKeysMigrations: Record<string, Migration> = {
  "api-keys-001-init": {
    async up(db: Kysely<any>) {
      for (const name of Object.keys(SCHEMA) as (keyof typeof SCHEMA)[]) {
        const t = createTable(db, name);
        await (name === "user_credits" ? t.addCheckConstraint("user_credits_balance_not_negative", sql`balance >= 0`) : t).execute();
      }
      await db.schema.createIndex("api_keys_tasks_user_created").on("api_keys_tasks").columns(["user_id", "created_at"]).execute();
      await db.schema.createIndex("api_keys_tasks_created").on("api_keys_tasks").column("created_at").execute();
      await db.schema.createIndex("api_keys_credit_ledger_user").on("api_keys_credit_ledger").columns(["user_id", "id"]).execute();
    },
  },
};
