import { type CreateTableBuilder, type Generated, type Kysely, type Migration, sql } from "kysely";
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

/**
 * A table from its columns written as SQL reads them: `name type [primary key] [not null] [unique]`,
 * comma-separated; `autoId` adds the dialect's auto-increment `id` first.
 */
function table(db: Kysely<any>, name: string, columns: string, autoId = false) {
  let t: CreateTableBuilder<string, never> = autoId ? withAutoId(db, db.schema.createTable(name)) : db.schema.createTable(name);
  for (const column of columns.split(",").map((c) => c.trim())) {
    const [col, type] = column.split(" ");
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
      const snapshot = "id text primary key, user_id text not null, name text not null, purpose text not null, key_prefix text not null";
      await table(
        db,
        "api_keys_key_snapshots",
        `${snapshot}, created_at text not null, last_used_at text, total_requests integer not null, revoked_at text, synced_at text not null`,
      ).execute();
      const counts = "email_count integer not null, valid_count integer not null, invalid_count integer not null, unknown_count integer not null";
      await table(
        db,
        "api_keys_tasks",
        `id text primary key, user_id text not null, api_key_id text, purpose text, type text not null, status text not null, ${counts}, created_at text not null, completed_at text, synced_at text not null`,
      ).execute();
      await db.schema.createIndex("api_keys_tasks_user_created").on("api_keys_tasks").columns(["user_id", "created_at"]).execute();
      await db.schema.createIndex("api_keys_tasks_created").on("api_keys_tasks").column("created_at").execute();
      await table(db, "api_keys_key_sync_state", "key_id text primary key, synced_at text not null, ok integer not null, error text").execute();
      await table(db, "user_credits", "user_id text primary key, balance integer not null, shortfall integer not null, updated_at text not null")
        .addCheckConstraint("user_credits_balance_not_negative", sql`balance >= 0`)
        .execute();
      const amounts = "amount integer not null, applied integer not null, shortfall integer not null, balance_after integer not null";
      await table(db, "api_keys_credit_ledger", `user_id text not null, task_id text unique, kind text not null, ${amounts}, at text not null`, true).execute();
      await db.schema.createIndex("api_keys_credit_ledger_user").on("api_keys_credit_ledger").columns(["user_id", "id"]).execute();
      const run =
        "started_at text not null, finished_at text, ok integer, error text, keys integer not null, tasks integer not null, deducted integer not null";
      await table(db, "api_keys_sync_runs", `slot bigint unique, trigger text not null, replica text not null, ${run}`, true).execute();
    },
  },
};
