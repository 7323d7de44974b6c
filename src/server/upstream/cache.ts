import type { Db } from "../db/database";
import { UpstreamError } from "./http";

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
 */
export class UpstreamCache {
  private readonly memory = new Map<string, { value: unknown; fetchedAt: string; at: number }>();
  private readonly inflight = new Map<string, Promise<Cached<unknown>>>();

  constructor(
    private readonly db: Db,
    private readonly defaultTtlMs: number,
  ) {}

  async get<T>(key: string, fetcher: () => Promise<T>, options: CacheOptions = {}): Promise<Cached<T>> {
    const ttl = options.ttlMs ?? this.defaultTtlMs;
    const hit = this.memory.get(key);
    if (!options.refresh && hit && Date.now() - hit.at < ttl) {
      return { value: hit.value as T, fetchedAt: hit.fetchedAt, stale: false };
    }
    const running = this.inflight.get(key);
    if (running) return running as Promise<Cached<T>>;
    const call = this.fetchAndStore(key, fetcher).finally(() => this.inflight.delete(key));
    this.inflight.set(key, call);
    return call as Promise<Cached<T>>;
  }

  /** Forgets a key, for example after a write that changed what it holds. */
  invalidate(prefix: string): void {
    for (const key of this.memory.keys()) if (key.startsWith(prefix)) this.memory.delete(key);
  }

  private async fetchAndStore<T>(key: string, fetcher: () => Promise<T>): Promise<Cached<T>> {
    try {
      const value = await fetcher();
      const fetchedAt = new Date().toISOString();
      this.memory.set(key, { value, fetchedAt, at: Date.now() });
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
