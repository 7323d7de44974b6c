import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { describeFailure } from "../../server/upstream/failure";
import type { UpstreamError } from "../../server/upstream/http";
import { type ApiKeysClient, WORDS } from "./client";
import type { ApiKeysDb } from "./db";
import { ingestTasks, storeKeySnapshots } from "./ingest";

export interface SyncDeps {
  db: ApiKeysDb;
  client: ApiKeysClient;
  initialCredits: number;
  log: FastifyBaseLogger;
  /** Names this process in the runs table. */
  replica: string;
}

type Trigger = "scheduled" | "manual";
/** Tasks are re-read this far back, so one that finished after the last sync is seen completed. */
export const OVERLAP_MS = 10 * 60_000;

/**
 * One sync: the keys (snapshots), then each key owner's tasks since shortly before the last ones
 * stored (or since the oldest unfinished one), deducting credits on the way. A scheduled run passes
 * its interval's `slot`: the runs table's unique slot lets one replica alone claim it; the others
 * get null and do nothing.
 */
export async function runSync(deps: SyncDeps, trigger: Trigger, slot: number | null = null) {
  const { db } = deps;
  const startedAt = new Date().toISOString();
  const claimed = await db
    .insertInto("api_keys_sync_runs")
    .values({ slot, trigger, replica: deps.replica, started_at: startedAt, keys: 0, tasks: 0, deducted: 0 })
    .onConflict((oc) => oc.column("slot").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return null;

  /** A failure in words, logged with what the upstream said. */
  const failed = (e: unknown, where: object, what: string) => {
    deps.log.warn({ ...where, failure: (e as UpstreamError).failure, status: (e as UpstreamError).status }, what);
    return describeFailure(e, WORDS);
  };
  // What the run did: POST /sync answers it, the runs table records it (`deducted`: credits taken).
  const run = { keys: 0, tasks: 0, deducted: 0, error: null as string | null };
  try {
    const keys = await deps.client.listKeys();
    run.keys = keys.length;
    await storeKeySnapshots(db, keys);
    const known = await db.selectFrom("api_keys_key_snapshots").select(["id", "user_id", "purpose"]).execute();
    // The purpose the upstream lists now, else the last one seen.
    const purposeOf = new Map<string, string>([...known.map((k) => [k.id, k.purpose] as const), ...keys.map((k) => [k.id, k.purpose] as const)]);
    const owners = new Map<string, { id: string }[]>();
    for (const k of known) owners.set(k.user_id, [...(owners.get(k.user_id) ?? []), k]);

    for (const [user_id, ownKeys] of owners) {
      let why: string | null = null;
      try {
        const from = await resumeFrom(db, user_id);
        for await (const page of deps.client.allTasks({ user_id, ...(from ? { from } : {}) })) {
          const r = await ingestTasks(db, page, { purposeOf, initialCredits: deps.initialCredits });
          run.tasks += r.stored;
          run.deducted += r.credits;
        }
      } catch (e) {
        why = failed(e, { user_id }, "api-keys: syncing a user's tasks failed");
        run.error ??= why;
      }
      await recordKeyStates(db, ownKeys, why);
    }
  } catch (e) {
    run.error = failed(e, {}, "api-keys: listing keys failed");
    const known = await db.selectFrom("api_keys_key_snapshots").select("id").where("revoked_at", "is", null).execute();
    await recordKeyStates(db, known, run.error);
  }
  const finishedAt = new Date().toISOString();
  await db
    .updateTable("api_keys_sync_runs")
    .set({ finished_at: finishedAt, ok: run.error ? 0 : 1, ...run })
    .where("id", "=", claimed.id)
    .execute();
  return { id: claimed.id, trigger, ok: !run.error, ...run, startedAt, finishedAt };
}

/** Where a user's next task read starts: the oldest unfinished task, or the newest stored one less an overlap. */
async function resumeFrom(db: ApiKeysDb, user_id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("api_keys_tasks")
    .select((eb) => [
      eb.fn.max("created_at").as("newest"),
      eb.fn.min(eb.case().when("status", "in", ["pending", "processing"]).then(eb.ref("created_at")).else(null).end()).as("oldest_open"),
    ])
    .where("user_id", "=", user_id)
    .executeTakeFirst();
  if (!row?.newest) return undefined;
  const overlap = new Date(Date.parse(row.newest) - OVERLAP_MS).toISOString();
  return row.oldest_open && row.oldest_open < overlap ? row.oldest_open : overlap;
}

async function recordKeyStates(db: ApiKeysDb, keys: { id: string }[], error: string | null): Promise<void> {
  if (keys.length === 0) return;
  const synced_at = new Date().toISOString();
  await db
    .insertInto("api_keys_key_sync_state")
    .values(keys.map(({ id: key_id }) => ({ key_id, synced_at, ok: error ? 0 : 1, error })))
    .onConflict((oc) => oc.column("key_id").doUpdateSet({ synced_at, ok: error ? 0 : 1, error }))
    .execute();
}

/**
 * The scheduled sync: every replica ticks each interval and tries to claim the interval's slot;
 * the database lets one claim succeed, so the sync runs once per interval however many replicas run.
 */
export function scheduleSync(deps: SyncDeps, intervalS: number): () => Promise<void> {
  const intervalMs = intervalS * 1000;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = () => {
    // A run longer than the interval is not overlapped by this replica's next one.
    if (stopped || running) return;
    const slot = Math.floor(Date.now() / intervalMs);
    running = runSync(deps, "scheduled", slot)
      .catch((error) => deps.log.error({ err: error }, "api-keys: scheduled sync failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setImmediate(tick);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

export const newReplicaId = () => randomUUID().slice(0, 8);
