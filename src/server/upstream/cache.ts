import type { Db } from "../db/database";
import { UpstreamError } from "./http";

/** Fresh answers kept in memory per replica at most; older ones are read again when asked for. */
const MAX_ENTRIES = 5_000;

export interface Cached<T> {
  value: T;
  fetchedAt: string;
  /** True when the upstream failed and this is the last good answer. */
  stale: boolean;
  /** Why the value is stale. */
  error?: UpstreamError;
}

export interface CacheOptions {
  /** Bypass the fresh copy (the Refresh button); concurrent refreshes still share one call. */
  refresh?: boolean;
  ttlMs?: number;
}

/**
 * Single-flight + TTL cache in front of upstream reads. Fresh answers live in memory (a replica's
 * own optimisation); the last good answer of each key is also written to the database so that any
 * replica can serve it, marked stale, when the upstream fails.
 *
 * A write that changes what the upstream answers (a renewal, a new key) calls `invalidate(prefix)`:
 * it bumps the prefix's epoch in the database, and every replica checks the epochs before it reads
 * (one query shared by the reads that arrive together), so none serves the old figures after it.
 * A read in flight when an invalidation lands is answered but not kept.
 */
export class UpstreamCache {
  private readonly memory = new Map<string, { value: unknown; fetchedAt: string; at: number }>();
  private readonly inflight = new Map<string, Promise<Cached<unknown>>>();
  /** Epoch of each prefix as this replica last saw it; null until the first look. */
  private seen: Map<string, number> | null = null;
  private epochCheck: Promise<void> | null = null;
  /** Bumped by every invalidation this replica sees: a fetch that started before one is not kept. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly defaultTtlMs: number,
  ) {}

  async get<T>(key: string, fetcher: () => Promise<T>, options: CacheOptions = {}): Promise<Cached<T>> {
    await this.checkEpochs();
    const ttl = options.ttlMs ?? this.defaultTtlMs;
    const hit = this.memory.get(key);
    if (!options.refresh && hit && Date.now() - hit.at < ttl) {
      return { value: hit.value as T, fetchedAt: hit.fetchedAt, stale: false };
    }
    const running = this.inflight.get(key);
    if (running) return running as Promise<Cached<T>>;
    const call = this.fetchAndStore(key, fetcher).finally(() => {
      if (this.inflight.get(key) === call) this.inflight.delete(key);
    });
    this.inflight.set(key, call);
    return call as Promise<Cached<T>>;
  }

  /** Forgets every key under `prefix`, on every replica sharing the database. */
  async invalidate(prefix: string): Promise<void> {
    this.forget(prefix);
    const row = await this.db
      .insertInto("upstream_cache_epochs")
      .values({ prefix, epoch: 1 })
      .onConflict((oc) => oc.column("prefix").doUpdateSet((eb) => ({ epoch: eb(eb.ref("upstream_cache_epochs.epoch"), "+", 1) })))
      .returning("epoch")
      .executeTakeFirstOrThrow();
    this.seen?.set(prefix, Number(row.epoch));
  }

  private forget(prefix: string): void {
    this.generation++;
    for (const key of this.memory.keys()) if (key.startsWith(prefix)) this.memory.delete(key);
    // Later reads start a fresh call instead of joining one that began before the change.
    for (const key of this.inflight.keys()) if (key.startsWith(prefix)) this.inflight.delete(key);
  }

  /** Applies the invalidations other replicas made since the last look. */
  private checkEpochs(): Promise<void> {
    this.epochCheck ??= (async () => {
      const rows = await this.db.selectFrom("upstream_cache_epochs").select(["prefix", "epoch"]).execute();
      const first = this.seen === null;
      const seen = (this.seen ??= new Map());
      for (const { prefix, epoch } of rows) {
        if (!first && seen.get(prefix) !== Number(epoch)) this.forget(prefix);
        seen.set(prefix, Number(epoch));
      }
    })().finally(() => {
      this.epochCheck = null;
    });
    return this.epochCheck;
  }

  private async fetchAndStore<T>(key: string, fetcher: () => Promise<T>): Promise<Cached<T>> {
    const generation = this.generation;
    try {
      const value = await fetcher();
      const fetchedAt = new Date().toISOString();
      // An invalidation while this was in flight: the answer may predate the change, so keep nothing.
      if (generation !== this.generation) return { value, fetchedAt, stale: false };
      this.memory.delete(key);
      this.memory.set(key, { value, fetchedAt, at: Date.now() });
      // Bounded: every distinct query is a key, so the oldest answer goes first (Maps keep insertion order).
      if (this.memory.size > MAX_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
      await this.db
        .insertInto("upstream_cache")
        .values({ key, value: JSON.stringify(value), fetched_at: fetchedAt })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), fetched_at: fetchedAt }))
        .execute();
      return { value, fetchedAt, stale: false };
    } catch (error) {
      if (!(error instanceof UpstreamError) || !error.isOutage) throw error;
      const last = await this.db.selectFrom("upstream_cache").selectAll().where("key", "=", key).executeTakeFirst();
      if (!last) throw error;
      return { value: JSON.parse(last.value) as T, fetchedAt: last.fetched_at, stale: true, error };
    }
  }
}

/** Last good answers older than this are deleted: they are too old to show, even marked stale. */
export const LAST_GOOD_RETENTION_MS = 7 * 24 * 3600_000;

/** Deletes last good answers past their retention; returns how many. */
export async function pruneLastGood(db: Db, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom("upstream_cache")
    .where("fetched_at", "<", new Date(now - LAST_GOOD_RETENTION_MS).toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Prunes now and every hour: last good answers, and whatever else `more` deletes (expired sessions, old throttle counts). The returned function stops it. */
export function schedulePruning(db: Db, log: { warn(o: object, m: string): void }, more: Array<() => Promise<unknown>> = []): () => void {
  const run = () => {
    for (const task of [() => pruneLastGood(db), ...more]) void task().catch((err) => log.warn({ err }, "pruning failed"));
  };
  run();
  const timer = setInterval(run, 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
