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
  /** A Refresh asked for this key too soon after the last call: the answer is that call's. */
  refreshLimited?: boolean;
}

export interface CacheOptions {
  /** Bypass the fresh copy (the Refresh button); concurrent refreshes still share one call. */
  refresh?: boolean;
  ttlMs?: number;
  /** How long to wait for the upstream before answering the last good value (the call goes on). */
  budgetMs?: number;
  /** The upstream's name, for the words of a late answer. */
  upstream?: string;
}

/** What an integration reads through: the shared cache, its upstream's name filled in. */
export type ReadCache = Pick<UpstreamCache, "get" | "invalidate">;

/**
 * Single-flight + TTL cache in front of upstream reads. Fresh answers live in memory (a replica's
 * own optimisation); the last good answer of each key is also written to the database so that any
 * replica can serve it, marked stale, when the upstream fails.
 *
 * A write that changes what the upstream answers (a renewal, a new key) calls `invalidate(prefix)`:
 * it bumps the prefix's epoch in the database, and every replica checks the epochs before it reads
 * (one query shared by the reads that arrive in the same turn of the event loop, started after
 * they arrived), so none serves the old figures after it.
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

  /**
   * Applies other replicas' invalidations (the same shared check a read makes), then answers a
   * number that changes with every invalidation: work begun under another value predates one.
   */
  async version(): Promise<number> {
    await this.checkEpochs();
    return this.generation;
  }

  constructor(
    private readonly db: Db,
    private readonly defaultTtlMs: number,
    private readonly defaultBudgetMs = Number.POSITIVE_INFINITY,
    /** A forced refresh of a key calls its upstream at most this often; sooner, the last call's answer is served. */
    private readonly refreshIntervalMs = 0,
  ) {}

  async get<T>(key: string, fetcher: () => Promise<T>, options: CacheOptions = {}): Promise<Cached<T>> {
    await this.checkEpochs();
    const ttl = options.ttlMs ?? this.defaultTtlMs;
    const hit = this.memory.get(key);
    const age = hit ? Date.now() - hit.at : Number.POSITIVE_INFINITY;
    if (hit && (options.refresh ? age < this.refreshIntervalMs : age < ttl)) {
      return { value: hit.value as T, fetchedAt: hit.fetchedAt, stale: false, ...(options.refresh ? { refreshLimited: true } : {}) };
    }
    let call = this.inflight.get(key) as Promise<Cached<T>> | undefined;
    if (!call) {
      const started: Promise<Cached<T>> = this.fetchAndStore(key, fetcher).finally(() => {
        if (this.inflight.get(key) === started) this.inflight.delete(key);
      });
      this.inflight.set(key, started);
      call = started;
    }
    return this.withinBudget(key, call, options.budgetMs ?? this.defaultBudgetMs, options.upstream ?? "The upstream");
  }

  /** This cache as one integration reads it. */
  for(upstream: string): ReadCache {
    return { get: (key, fetcher, options) => this.get(key, fetcher, { upstream, ...options }), invalidate: (prefix) => this.invalidate(prefix) };
  }

  /** The call's answer, or past the budget the last good one (stale) while the call goes on and fills the cache; with no last good one, the call's answer. */
  private async withinBudget<T>(key: string, call: Promise<Cached<T>>, budgetMs: number, upstream: string): Promise<Cached<T>> {
    if (!Number.isFinite(budgetMs)) return call;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
    const first = await Promise.race([call, late]).finally(() => clearTimeout(timer));
    if (first) return first;
    const last = await this.lastGood<T>(key);
    // Nothing to show instead: the call's own answer (or failure) is the best there is.
    if (!last) return call;
    call.catch(() => undefined); // finishes in the background and fills the cache
    return { ...last, stale: true, error: new UpstreamError(upstream, "timeout", `${upstream} did not answer within the read budget`) };
  }

  private async lastGood<T>(key: string): Promise<{ value: T; fetchedAt: string } | undefined> {
    const row = await this.db.selectFrom("upstream_cache").selectAll().where("key", "=", key).executeTakeFirst();
    return row ? { value: JSON.parse(row.value) as T, fetchedAt: row.fetched_at } : undefined;
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

  /**
   * Applies the invalidations other replicas made since the last look. Every read waits for a look
   * that starts after it arrived (never one already under way, which could predate a change), and
   * the reads that arrive in one turn of the event loop share it: one query per turn under load.
   */
  private checkEpochs(): Promise<void> {
    this.epochCheck ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.epochCheck = null;
      return this.readEpochs();
    });
    return this.epochCheck;
  }

  private async readEpochs(): Promise<void> {
    const rows = await this.db.selectFrom("upstream_cache_epochs").select(["prefix", "epoch"]).execute();
    const first = this.seen === null;
    const seen = (this.seen ??= new Map());
    for (const { prefix, epoch } of rows) {
      if (!first && seen.get(prefix) !== Number(epoch)) this.forget(prefix);
      seen.set(prefix, Number(epoch));
    }
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
      const last = await this.lastGood<T>(key);
      if (!last) throw error;
      return { ...last, stale: true, error };
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
