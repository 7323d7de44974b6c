import type { ExpressionBuilder } from "kysely";
import { isPostgres } from "../../server/db/database";
import type { APIKeySummary, Task } from "./contract";
import { applyDeductions, creditsFor, type DeductionRequest } from "./credits";
import type { ApiKeysDb } from "./db";

/**
 * `purposeOf`: each key's integration type, to tag its tasks with; `initialCredits`: the balance a user starts
 * with when first seen (a grant in the ledger); `batchSize`: rows a transaction, bounded by the databases' limits on bound parameters.
 */
export type IngestOptions = { purposeOf: ReadonlyMap<string, string>; initialCredits: number; batchSize?: number };
/** Tasks stored, tasks newly deducted by this call, and the credits and shortfall of those deductions. */
type IngestResult = { stored: number; deductions: number; credits: number; shortfall: number };

const iso = (value: string) => new Date(value).toISOString();
/** An upsert's `set`: each column from the row that was refused (`excluded`). */
const fromExcluded = (eb: ExpressionBuilder<any, any>, columns: string[]) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]));

/** Raised when the ledger's unique task_id refused a row that the batch expected to be new: the batch is retried. */
class LedgerRace extends Error {}

/**
 * Stores tasks (an idempotent upsert) and deducts each newly completed one exactly once. The
 * ledger's unique `task_id` is what guarantees "once": a batch whose insert it refuses rolls back
 * and is tried again. Users' balance rows are locked (PostgreSQL) so concurrent syncs take turns.
 */
export async function ingestTasks(db: ApiKeysDb, tasks: readonly Task[], options: IngestOptions): Promise<IngestResult> {
  const total: IngestResult = { stored: 0, deductions: 0, credits: 0, shortfall: 0 };
  const size = options.batchSize ?? 500;
  for (let i = 0; i < tasks.length; i += size) {
    const batch = tasks.slice(i, i + size);
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await db.transaction().execute((trx) => ingestBatch(trx as ApiKeysDb, batch, options));
        for (const k of Object.keys(total) as (keyof IngestResult)[]) total[k] += r[k];
        break;
      } catch (error) {
        if (!(error instanceof LedgerRace) || attempt >= 3) throw error;
      }
    }
  }
  return total;
}

async function ingestBatch(trx: ApiKeysDb, batch: readonly Task[], options: IngestOptions): Promise<IngestResult> {
  const now = new Date().toISOString();
  const none = { stored: batch.length, deductions: 0, credits: 0, shortfall: 0 };
  await ensureBalances(trx, [...new Set(batch.map((t) => t.user_id))].sort(), options.initialCredits, now);
  await storeTasks(trx, batch, options.purposeOf, now);

  const candidates: DeductionRequest[] = batch.map((t) => ({ task_id: t.id, user_id: t.user_id, amount: creditsFor(t) })).filter((c) => c.amount > 0);
  // A first look without locks: a page seen before usually has nothing new to deduct.
  if ((await notDeducted(trx, candidates)).length === 0) return none;

  const users = [...new Set(candidates.map((c) => c.user_id))].sort();
  const balances = await lockBalances(trx, users);
  // Looked at again under the locks: another sync may have deducted some meanwhile.
  const fresh = await notDeducted(trx, candidates);
  if (fresh.length === 0) return none;

  const { ledger, balances: after, shortfalls } = applyDeductions(balances, fresh);
  const inserted = await trx
    .insertInto("api_keys_credit_ledger")
    .values(ledger.map((d) => ({ ...d, kind: "deduction", at: now })))
    .onConflict((oc) => oc.column("task_id").doNothing())
    .returning("task_id")
    .execute();
  if (inserted.length !== ledger.length) throw new LedgerRace("a task was deducted by another sync meanwhile");

  // One statement for every user of the batch: a CASE per column.
  const changed = [...new Set(fresh.map((f) => f.user_id))];
  await trx
    .updateTable("user_credits")
    .set((eb) => {
      const pick = (value: (u: string) => number) => {
        let c = eb.case().when("user_id", "=", changed[0]).then(value(changed[0]));
        for (const u of changed.slice(1)) c = c.when("user_id", "=", u).then(value(u));
        return c.else(0).end();
      };
      const owed = pick((u) => shortfalls.get(u) ?? 0);
      return { balance: pick((u) => after.get(u)!), shortfall: eb("shortfall", "+", owed), updated_at: now };
    })
    .where("user_id", "in", changed)
    .execute();
  const sum = (field: "applied" | "shortfall") => ledger.reduce((s, d) => s + d[field], 0);
  return { stored: batch.length, deductions: ledger.length, credits: sum("applied"), shortfall: sum("shortfall") };
}

async function notDeducted(trx: ApiKeysDb, candidates: DeductionRequest[]): Promise<DeductionRequest[]> {
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.task_id);
  const seen = await trx.selectFrom("api_keys_credit_ledger").select("task_id").where("task_id", "in", ids).execute();
  const already = new Set(seen.map((s) => s.task_id));
  return candidates.filter((c) => !already.has(c.task_id));
}

/** Upserts the tasks that are new or changed; a task stored as it is now is not written again. */
async function storeTasks(trx: ApiKeysDb, batch: readonly Task[], purposeOf: ReadonlyMap<string, string>, now: string): Promise<void> {
  const rows = batch.map((t) => {
    const { id, user_id, api_key_id, type, status, valid_count, invalid_count, unknown_count } = t;
    const purpose = api_key_id ? (purposeOf.get(api_key_id) ?? null) : null;
    const email_count = t.email_count ?? (type === "verify" ? 1 : 0);
    const times = { created_at: iso(t.created_at), completed_at: t.completed_at ? iso(t.completed_at) : null, synced_at: now };
    return { id, user_id, api_key_id, purpose, type, status, email_count, valid_count, invalid_count, unknown_count, ...times };
  });
  const ids = rows.map((r) => r.id);
  const stored = await trx.selectFrom("api_keys_tasks").select(["id", "status", "email_count", "purpose"]).where("id", "in", ids).execute();
  const known = new Map(stored.map((r) => [r.id, r]));
  const changed = rows.filter((r) => {
    const k = known.get(r.id);
    return !k || k.status !== r.status || Number(k.email_count) !== r.email_count || (k.purpose === null && r.purpose !== null);
  });
  if (changed.length === 0) return;
  await trx
    .insertInto("api_keys_tasks")
    .values(changed)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        ...fromExcluded(eb, ["status", "email_count", "valid_count", "invalid_count", "unknown_count", "completed_at", "synced_at"]),
        purpose: eb.fn.coalesce(eb.ref("excluded.purpose"), eb.ref("api_keys_tasks.purpose")),
      })),
    )
    .execute();
}

/** A user first seen starts with the initial credits, written in the ledger as a grant. */
async function ensureBalances(trx: ApiKeysDb, users: string[], initialCredits: number, now: string): Promise<void> {
  const created = await trx
    .insertInto("user_credits")
    .values(users.map((user_id) => ({ user_id, balance: initialCredits, shortfall: 0, updated_at: now })))
    .onConflict((oc) => oc.column("user_id").doNothing())
    .returning("user_id")
    .execute();
  if (created.length === 0) return;
  const grant = { task_id: null, kind: "grant", amount: initialCredits, applied: initialCredits, shortfall: 0, balance_after: initialCredits, at: now };
  await trx
    .insertInto("api_keys_credit_ledger")
    .values(created.map((c) => ({ ...grant, user_id: c.user_id })))
    .execute();
}

/** Reads the users' balances, locked (PostgreSQL) until the transaction ends, so concurrent syncs take turns. */
async function lockBalances(trx: ApiKeysDb, users: string[]): Promise<Map<string, number>> {
  let query = trx.selectFrom("user_credits").select(["user_id", "balance"]).where("user_id", "in", users).orderBy("user_id");
  if (isPostgres(trx)) query = query.forUpdate();
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.balance)]));
}

/** Stores what the upstream lists of each key; keys it no longer lists are marked revoked (unless `created`: a key just made). */
export async function storeKeySnapshots(db: ApiKeysDb, keys: readonly APIKeySummary[], created = false): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    if (keys.length > 0) {
      await trx
        .insertInto("api_keys_key_snapshots")
        .values(keys.map((k) => snapshotRow(k, now)))
        .onConflict((oc) =>
          oc.column("id").doUpdateSet((eb) => ({ ...fromExcluded(eb, ["name", "purpose", "last_used_at", "total_requests", "synced_at"]), revoked_at: null })),
        )
        .execute();
    }
    if (created) return;
    const listed = keys.map((k) => k.id);
    let gone = trx.updateTable("api_keys_key_snapshots").set({ revoked_at: now }).where("revoked_at", "is", null);
    if (listed.length > 0) gone = gone.where("id", "not in", listed);
    await gone.execute();
  });
}

/** A snapshot row: every field of the summary but never a secret (the list carries none). */
function snapshotRow(k: APIKeySummary, now: string) {
  const { id, user_id, name, purpose, key_prefix, total_requests } = k;
  const last_used_at = k.last_used_at ? iso(k.last_used_at) : null;
  return { id, user_id, name, purpose, key_prefix, total_requests, created_at: iso(k.created_at), last_used_at, revoked_at: null, synced_at: now };
}
