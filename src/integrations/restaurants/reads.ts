import { AppError } from "../../server/errors";
import type { IntegrationContext } from "../../server/integration";
import type { Cached } from "../../server/upstream/cache";
import { failureToAppError } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import type { ReadMeta } from "./api";
import { createRestaurantsClient, type RestaurantsClient } from "./client";
import { DEFAULT_ALERT_THRESHOLD } from "./contract";

export interface RestaurantsEnv {
  RESTAURANT_API_BASE_URL?: string;
  BOT_API_KEY?: string;
  DASHBOARD_PAT?: string;
}
export type RestaurantsContext = IntegrationContext<RestaurantsEnv>;

/** Cache keys: everything of one restaurant under one prefix, so a renew forgets it at once. */
export const KEYS = {
  all: "restaurants:",
  list: (limit: number, offset: number) => `restaurants:list:${limit}:${offset}`,
  alerts: (threshold: number, limit: number, offset: number) => `restaurants:alerts:${threshold}:${limit}:${offset}`,
  alertsCount: (threshold: number) => `restaurants:alerts-count:${threshold}`,
  restaurant: (id: string) => `restaurants:restaurant:${id}:`,
  /** What a renew changes: the restaurant, every list page, every alerts page and the count. */
  afterRenew: (id: string) => [`restaurants:restaurant:${id}:`, "restaurants:list:", "restaurants:alerts"],
} as const;

/** The badge is refreshed every minute: its count is never older than that. */
export const ALERTS_COUNT_TTL_MS = 60_000;

export function restaurantsClient(ctx: RestaurantsContext): RestaurantsClient {
  if (!ctx.env.RESTAURANT_API_BASE_URL) throw new UpstreamError("Restaurant usage API", "not_configured", "RESTAURANT_API_BASE_URL is not set");
  return createRestaurantsClient({
    baseUrl: ctx.env.RESTAURANT_API_BASE_URL,
    apiKey: ctx.env.BOT_API_KEY,
    pat: ctx.env.DASHBOARD_PAT,
    timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS,
  });
}

export function metaOf(ctx: RestaurantsContext, ...reads: Cached<unknown>[]): ReadMeta {
  const stale = reads.find((r) => r.stale);
  const fetchedAt = reads.map((r) => r.fetchedAt).sort()[0];
  return {
    fetchedAt,
    stale: Boolean(stale),
    demo: ctx.demo,
    ...(stale
      ? { message: `${stale.error ? failureToAppError(stale.error).message : "The restaurant usage API failed."} Showing the last known figures.` }
      : {}),
  };
}

/** An upstream 404 for a restaurant, said in words; other failures go to the core's mapping. */
export function restaurantError(error: unknown, restaurantId: string): unknown {
  if (error instanceof UpstreamError && error.failure === "http" && error.status === 404) {
    return new AppError(404, "not_found", `Restaurant ${restaurantId} was not found.`);
  }
  return error;
}

const perContext = new WeakMap<RestaurantsContext, Reads>();

/** The reads every route and the overview share (one set per server), each through the single-flight cache. */
export function readsFor(ctx: RestaurantsContext): Reads {
  let reads = perContext.get(ctx);
  if (!reads) perContext.set(ctx, (reads = createReads(ctx)));
  return reads;
}

function createReads(ctx: RestaurantsContext) {
  const client = () => restaurantsClient(ctx);
  return {
    list: (limit: number, offset: number, refresh: boolean) =>
      ctx.cache.get(KEYS.list(limit, offset), () => client().listUsage({ limit, offset }), { refresh }),
    alerts: (threshold: number, limit: number, offset: number, refresh: boolean) =>
      ctx.cache.get(KEYS.alerts(threshold, limit, offset), () => client().listAlerts({ threshold, limit, offset }), { refresh }),
    /** How many restaurants are near quota: one upstream call (limit=1, its total) per minute, whoever asks. */
    async alertsCount(refresh: boolean, threshold = DEFAULT_ALERT_THRESHOLD) {
      const ttlMs = Math.min(ALERTS_COUNT_TTL_MS, ctx.core.UPSTREAM_CACHE_TTL_S * 1000);
      const read = await ctx.cache.get(
        KEYS.alertsCount(threshold),
        async () => ({ count: (await client().listAlerts({ threshold, limit: 1, offset: 0 })).pagination.total }),
        { refresh, ttlMs },
      );
      return { ...read, value: { count: read.value.count, threshold } };
    },
    detail: async (id: string, refresh: boolean) => {
      try {
        return await ctx.cache.get(`${KEYS.restaurant(id)}detail`, () => client().getRestaurant(id), { refresh });
      } catch (error) {
        throw restaurantError(error, id);
      }
    },
    own: async (id: string, refresh: boolean) => {
      try {
        return await ctx.cache.get(`${KEYS.restaurant(id)}own`, () => client().getOwnUsage(id), { refresh });
      } catch (error) {
        throw restaurantError(error, id);
      }
    },
  };
}
type Reads = ReturnType<typeof createReads>;
