import { type Generated, type Kysely, type Migration, sql } from "kysely";
import { type Db, withAutoId } from "../../server/db/database";

/** What the last sync saw of each key: never its secret, which the upstream sends only once on create. */
export interface KeySnapshotsTable {
  id: string;
  user_id: string;
  name: string;
  purpose: string;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  total_requests: number;
  revoked_at: string | null;
  synced_at: string;
}

export interface TasksTable {
  id: string;
  user_id: string;
  api_key_id: string | null;
  /** The key's integration type when the key is known: tasks are tagged with it on ingest. */
  purpose: string | null;
  type: string;
  status: string;
  email_count: number;
  valid_count: number;
  invalid_count: number;
  unknown_count: number;
  created_at: string;
  completed_at: string | null;
  /** When the task was stored or last changed. */
  synced_at: string;
}

/** The last sync of each key: when, ok (1) or failed (0), and why. */
export interface KeySyncStateTable {
  key_id: string;
  synced_at: string;
  ok: number;
  error: string | null;
}

export interface UserCreditsTable {
  user_id: string;
  balance: number;
  /** Credits owed: what deductions could not take because the balance was at zero. */
  shortfall: number;
  updated_at: string;
}

/** Every grant and deduction. `task_id` is unique: a task can be deducted once, whoever sees it. */
export interface CreditLedgerTable {
  id: Generated<number>;
  user_id: string;
  task_id: string | null;
  kind: string;
  /** Credits asked for: the task's email_count (1 for a single verify), or a grant's size. */
  amount: number;
  /** Credits actually taken (deductions) or added (grants). */
  applied: number;
  shortfall: number;
  balance_after: number;
  at: string;
}

export interface SyncRunsTable {
  id: Generated<number>;
  /** The interval a scheduled run belongs to; unique, so one replica alone runs each interval. Null on demand. */
  slot: number | null;
  trigger: string;
  replica: string;
  started_at: string;
  finished_at: string | null;
  ok: number | null;
  error: string | null;
  keys: number;
  tasks: number;
  deducted: number;
}

export type ApiKeysTables = {
  api_keys_key_snapshots: KeySnapshotsTable;
  api_keys_tasks: TasksTable;
  api_keys_key_sync_state: KeySyncStateTable;
  user_credits: UserCreditsTable;
  api_keys_credit_ledger: CreditLedgerTable;
  api_keys_sync_runs: SyncRunsTable;
};

export type ApiKeysDb = Kysely<Db extends Kysely<infer C> ? C & ApiKeysTables : never>;
export const tables = (db: Db): ApiKeysDb => db.withTables<ApiKeysTables>();

export const apiKeysMigrations: Record<string, Migration> = {
  "api-keys-001-init": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("api_keys_key_snapshots")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("key_prefix", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .addColumn("total_requests", "integer", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .addColumn("synced_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("api_keys_tasks")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("api_key_id", "text")
        .addColumn("purpose", "text")
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("email_count", "integer", (c) => c.notNull())
        .addColumn("valid_count", "integer", (c) => c.notNull())
        .addColumn("invalid_count", "integer", (c) => c.notNull())
        .addColumn("unknown_count", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("completed_at", "text")
        .addColumn("synced_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("api_keys_tasks_user_created").on("api_keys_tasks").columns(["user_id", "created_at"]).execute();
      await db.schema.createIndex("api_keys_tasks_created").on("api_keys_tasks").column("created_at").execute();
      await db.schema
        .createTable("api_keys_key_sync_state")
        .addColumn("key_id", "text", (c) => c.primaryKey())
        .addColumn("synced_at", "text", (c) => c.notNull())
        .addColumn("ok", "integer", (c) => c.notNull())
        .addColumn("error", "text")
        .execute();
      await db.schema
        .createTable("user_credits")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("balance", "integer", (c) => c.notNull())
        .addColumn("shortfall", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addCheckConstraint("user_credits_balance_not_negative", sql`balance >= 0`)
        .execute();
      await withAutoId(db, db.schema.createTable("api_keys_credit_ledger"))
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("task_id", "text", (c) => c.unique())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("amount", "integer", (c) => c.notNull())
        .addColumn("applied", "integer", (c) => c.notNull())
        .addColumn("shortfall", "integer", (c) => c.notNull())
        .addColumn("balance_after", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("api_keys_credit_ledger_user").on("api_keys_credit_ledger").columns(["user_id", "id"]).execute();
      await withAutoId(db, db.schema.createTable("api_keys_sync_runs"))
        .addColumn("slot", "bigint", (c) => c.unique())
        .addColumn("trigger", "text", (c) => c.notNull())
        .addColumn("replica", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("ok", "integer")
        .addColumn("error", "text")
        .addColumn("keys", "integer", (c) => c.notNull())
        .addColumn("tasks", "integer", (c) => c.notNull())
        .addColumn("deducted", "integer", (c) => c.notNull())
        .execute();
    },
  },
};
