import { sql } from "kysely";
import type { IntegrationContext } from "../../server/integration";
import { envelope, type Figures } from "../../server/read";
import { describeFailure } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import type { Envelope } from "../usage";
import { WORDS } from "./client";
import type { APIKeySummary, ApiUsageMetrics, VerificationMetrics } from "./contract";
import { type ApiKeysDb, tables } from "./db";
import { keysFromSynced, purposeTotals, type Range } from "./mapping";

/** The figures the last syncs stored, shaped as the upstream answers. */
export function syncedReads(db: ApiKeysDb) {
  const tasksIn = (range: Range) => {
    let q = db.selectFrom("api_keys_tasks");
    if (range.from) q = q.where("created_at", ">=", range.from);
    if (range.to) q = q.where("created_at", "<=", range.to);
    return q;
  };
  return {
    async keys(range: Range): Promise<APIKeySummary[]> {
      const snapshots = await db.selectFrom("api_keys_key_snapshots").selectAll().orderBy("created_at").execute();
      const inRange = await tasksIn(range)
        .select((eb) => ["api_key_id", eb.fn.countAll<number>().as("n")])
        .where("api_key_id", "is not", null)
        .groupBy("api_key_id")
        .execute();
      const last = await db
        .selectFrom("api_keys_tasks")
        .select((eb) => ["api_key_id", eb.fn.max("created_at").as("last")])
        .where("api_key_id", "is not", null)
        .groupBy("api_key_id")
        .execute();
      const counts = new Map(inRange.map((r) => [r.api_key_id!, Number(r.n)]));
      const activity = last.map((r) => ({ api_key_id: r.api_key_id!, in_range: counts.get(r.api_key_id!) ?? 0, last_used_at: r.last }));
      return keysFromSynced(snapshots, activity, range);
    },
    async apiUsage(range: Range & { user_id?: string }): Promise<ApiUsageMetrics> {
      let q = tasksIn(range)
        .select((eb) => ["purpose", eb.fn.countAll<number>().as("requests"), eb.fn.max("created_at").as("last_used_at")])
        .where("api_key_id", "is not", null);
      if (range.user_id) q = q.where("user_id", "=", range.user_id);
      return purposeTotals(await q.groupBy("purpose").execute(), range);
    },
    async verifications(range: Range): Promise<VerificationMetrics> {
      const row = await tasksIn(range)
        .select((eb) => [
          eb.fn.countAll<number>().as("tasks"),
          eb.fn.sum<number>("email_count").as("emails"),
          eb.fn.sum<number>("valid_count").as("valid"),
          eb.fn.sum<number>("invalid_count").as("invalid"),
          eb.fn.sum<number>("unknown_count").as("unknown"),
        ])
        .where("status", "=", "completed")
        .executeTakeFirst();
      const n = (k: keyof NonNullable<typeof row>) => Number(row?.[k] ?? 0);
      const totals = { tasks: n("tasks"), emails: n("emails"), valid: n("valid"), invalid: n("invalid"), unknown: n("unknown") };
      return { from: range.from ?? null, to: range.to ?? null, totals };
    },
    async lastSyncedAt(): Promise<string | null> {
      const row = await db
        .selectFrom("api_keys_sync_runs")
        .select((eb) => eb.fn.max("finished_at").as("at"))
        .where("ok", "=", 1)
        .executeTakeFirst();
      return row?.at ?? null;
    },
  };
}

/**
 * Upstream first (through the shared cache: one call for many readers, the last good answer of the
 * same query if it fails); when that has nothing either, the last synced data, marked stale.
 */
export async function readWithFallback<Q extends { refresh: boolean }, T>(
  ctx: IntegrationContext<any>,
  key: string,
  query: Q,
  live: (q: Q) => Promise<T>,
  last: (q: Q) => Promise<T>,
): Promise<Envelope<T>> {
  try {
    const got = await ctx.cache.get(key, () => live(query), { refresh: query.refresh });
    return envelope(ctx, got.value, [got], WORDS);
  } catch (error) {
    // A refused token is a failure to show beside the last data too; "no such item" is an answer.
    if (!(error instanceof UpstreamError) || error.status === 404 || error.status === 400) throw error;
    const at = (await syncedReads(tables(ctx.db)).lastSyncedAt()) ?? new Date().toISOString();
    return {
      data: await last(query),
      meta: { fetchedAt: at, stale: true, demo: ctx.demo, message: `${describeFailure(error, WORDS)} Showing the last synced data.` },
    };
  }
}

/** The overview card's figures, from the synced data: credits left and used, requests this month, and the last sync. */
export async function overviewFigures(db: ApiKeysDb): Promise<Figures> {
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  // One statement: the credit sums, the grants, this month's requests made with a key, and how the runs ended.
  const { rows } = await sql<
    Record<"balance" | "shortfall" | "granted" | "month" | "last_ok", number | string | null> & Record<"last_error" | "last_synced_at", string | null>
  >`
    select (select sum(balance) from user_credits) as balance,
      (select sum(shortfall) from user_credits) as shortfall,
      (select sum(applied) from api_keys_credit_ledger where kind = 'grant') as granted,
      (select count(*) from api_keys_tasks where created_at >= ${monthStart} and api_key_id is not null) as month,
      (select ok from api_keys_sync_runs where finished_at is not null order by id desc limit 1) as last_ok,
      (select error from api_keys_sync_runs where finished_at is not null order by id desc limit 1) as last_error,
      (select max(finished_at) from api_keys_sync_runs where ok = 1) as last_synced_at`.execute(db);
  const [row] = rows;
  const lastSyncedAt = row.last_synced_at;
  // A balance is its grants less its applied deductions, so what was used is what was granted less what is left.
  const granted = Number(row.granted ?? 0);
  const remaining = Number(row.balance ?? 0);
  const stale = row.last_ok !== null && Number(row.last_ok) === 0;
  return {
    totalQuota: granted || null,
    remainingQuota: granted ? remaining : null,
    usedQuota: granted ? granted - remaining : null,
    usagePercentage: granted ? Math.round(((granted - remaining) / granted) * 1000) / 10 : null,
    fetchedAt: lastSyncedAt,
    stale,
    message: stale ? `${row.last_error ?? "The last sync failed."} Showing the last synced figures.` : lastSyncedAt ? undefined : "Not synced yet.",
    details: { requestsThisMonth: Number(row.month ?? 0), shortfall: Number(row.shortfall ?? 0), lastSyncedAt },
  };
}
