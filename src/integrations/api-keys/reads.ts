import type { UpstreamCache } from "../../server/upstream/cache";
import { UpstreamError } from "../../server/upstream/http";
import type { Freshness } from "./api";
import type { APIKeySummary, ApiUsageMetrics, VerificationMetrics } from "./contract";
import type { ApiKeysDb } from "./db";
import { emptyVerificationTotals, keysFromSynced, purposeTotals, type Range } from "./mapping";
import { syncFailureReason } from "./sync";

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
      const totals = emptyVerificationTotals();
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] = Number((row as Record<string, unknown> | undefined)?.[k] ?? 0);
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
export async function readWithFallback<T extends object>(
  cache: UpstreamCache,
  key: string,
  fetcher: () => Promise<T>,
  fallback: () => Promise<T>,
  lastSyncedAt: () => Promise<string | null>,
  refresh: boolean,
): Promise<T & Freshness> {
  try {
    const got = await cache.get(key, fetcher, { refresh });
    return {
      ...got.value,
      fetchedAt: got.fetchedAt,
      stale: got.stale,
      lastSyncedAt: await lastSyncedAt(),
      ...(got.stale ? { message: `${syncFailureReason(got.error)} Showing the last known figures.` } : {}),
    };
  } catch (error) {
    // A refused token is a failure to show beside the last data too; "no such item" is an answer.
    if (!(error instanceof UpstreamError) || error.status === 404 || error.status === 400) throw error;
    const at = await lastSyncedAt();
    return { ...(await fallback()), fetchedAt: at, stale: true, lastSyncedAt: at, message: `${syncFailureReason(error)} Showing the last synced data.` };
  }
}
