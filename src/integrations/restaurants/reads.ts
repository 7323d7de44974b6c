import { AppError } from "../../server/errors";
import type { IntegrationContext } from "../../server/integration";
import { perContext } from "../../server/read";
import type { Cached } from "../../server/upstream/cache";
import { createUpstreamClient, notConfigured } from "../../server/upstream/client";
import { UpstreamError } from "../../server/upstream/http";
import { ALERTS_PAGE, DEFAULT_ALERT_THRESHOLD, type RenewInput, UNLIMITED } from "./api";
import {
  alertsSchema,
  renewResponseSchema,
  restaurantDetailSchema,
  restaurantUsageSchema,
  type UsageAlert,
  type UsageAlerts,
  upstreamCode,
  usageListSchema,
} from "./contract";

export type RestaurantsEnv = { RESTAURANT_API_BASE_URL?: string; BOT_API_KEY?: string; DASHBOARD_PAT?: string };
export type RestaurantsContext = IntegrationContext<RestaurantsEnv>;

export const RESTAURANTS = "Restaurant usage API";

/** Cache keys: everything of one restaurant under one prefix, so a renew forgets it at once. */
export const KEYS = {
  list: (limit: number, offset: number) => `restaurants:list:${limit}:${offset}`,
  /** Every restaurant the alerts can name (threshold 0, all pages): any threshold and its count are served from it. */
  alerts: "restaurants:alerts:all",
  /** The header badge's count at the upstream's default threshold. */
  badge: "restaurants:alerts:badge",
  restaurant: (id: string) => `restaurants:restaurant:${id}:`,
  /** What a renew changes: the restaurant, every list page, every alerts page and the count. */
  afterRenew: (id: string) => [`restaurants:restaurant:${id}:`, "restaurants:list:", "restaurants:alerts"],
} as const;

/** The upstream's own test: a share of the effective limit at or above the threshold; an unlimited plan never. */
export const atThreshold = (rows: UsageAlert[], threshold: number) =>
  rows.filter((a) => a.limit !== UNLIMITED && (a.limit > 0 ? a.used / a.limit : 1) >= threshold);

/** The badge is refreshed every minute: its count is never older than that. */
export const ALERTS_COUNT_TTL_MS = 60_000;

/**
 * The Usage API (specs/restaurant-usage.api.md): admin calls with `X-API-Key: $BOT_API_KEY`, the
 * single-restaurant call with the dashboard PAT and `X-Restaurant-Id`. Every failure is an UpstreamError.
 */
export const restaurantsClient = perContext(({ env, core }: RestaurantsContext) => {
  const upstream = createUpstreamClient({
    name: RESTAURANTS,
    baseUrl: env.RESTAURANT_API_BASE_URL ?? "http://unset.invalid/",
    timeoutMs: core.UPSTREAM_TIMEOUT_MS,
    auth: () => {
      if (!env.RESTAURANT_API_BASE_URL) throw notConfigured(RESTAURANTS, "RESTAURANT_API_BASE_URL");
      if (!env.BOT_API_KEY) throw notConfigured(RESTAURANTS, "BOT_API_KEY");
      return { "x-api-key": env.BOT_API_KEY };
    },
    errorCode: upstreamCode,
  });
  const id = encodeURIComponent;
  return {
    listUsage: (query: { limit: number; offset: number }) => upstream.get("api/usage", usageListSchema, { query }),
    listAlerts: (query: { threshold: number; limit: number; offset: number }) => upstream.get("api/usage/alerts", alertsSchema, { query }),
    getRestaurant: (restaurantId: string) => upstream.get(`api/usage/${id(restaurantId)}`, restaurantDetailSchema),
    /** A top-up of this month's allowance. Never retried. */
    renew: (restaurantId: string, body: RenewInput) => upstream.post(`api/admin/usage/${id(restaurantId)}/renew`, renewResponseSchema, body),
    async getOwnUsage(restaurantId: string) {
      if (!env.DASHBOARD_PAT) throw notConfigured(RESTAURANTS, "DASHBOARD_PAT");
      return upstream.get("api/usage", restaurantUsageSchema, { auth: { authorization: `Bearer ${env.DASHBOARD_PAT}`, "x-restaurant-id": restaurantId } });
    },
  };
});

/** An upstream 404 for a restaurant, said in words; other failures go to the core's mapping. */
export function restaurantError(error: unknown, restaurantId: string): unknown {
  if (error instanceof UpstreamError && error.failure === "http" && error.status === 404) {
    return new AppError(404, "not_found", `Restaurant ${restaurantId} was not found.`);
  }
  return error;
}

/** The reads every route and the overview share (one set per server), each through the single-flight cache. */
export const readsFor = perContext((ctx: RestaurantsContext) => {
  const client = restaurantsClient(ctx);
  const { cache } = ctx;
  /**
   * Thresholds only change what is shown: every one is served from one read of the alerts at 0
   * (all pages, one after another), single-flight and cached for the badge's minute, so a hundred
   * thresholds cost one read of each page a window.
   */
  const allAlerts = (refresh: boolean) =>
    cache.get(
      KEYS.alerts,
      async () => {
        const rows: UsageAlert[] = [];
        for (let total = 1; rows.length < total; ) {
          const page = await client.listAlerts({ threshold: 0, limit: ALERTS_PAGE.max, offset: rows.length });
          total = page.pagination.total;
          rows.push(...page.data);
          if (page.data.length === 0) break;
        }
        return rows;
      },
      { refresh, ttlMs: Math.min(ALERTS_COUNT_TTL_MS, ctx.core.UPSTREAM_CACHE_TTL_S * 1000) },
    );
  const ofRestaurant = async <T>(id: string, what: string, read: () => Promise<T>, refresh: boolean) =>
    cache.get(`${KEYS.restaurant(id)}${what}`, read, { refresh }).catch((error) => Promise.reject(restaurantError(error, id)));
  return {
    list: (limit: number, offset: number, refresh: boolean) => cache.get(KEYS.list(limit, offset), () => client.listUsage({ limit, offset }), { refresh }),
    /** One page of the restaurants at or above `threshold`, cut from the one cached read of them all. */
    async alerts(threshold: number, limit: number, offset: number, refresh: boolean): Promise<Cached<UsageAlerts>> {
      const all = await allAlerts(refresh);
      const at = atThreshold(all.value, threshold);
      const data = at.slice(offset, offset + limit);
      return { ...all, value: { data, pagination: { total: at.length, limit, offset, hasMore: offset + limit < at.length }, threshold } };
    },
    /** How many restaurants are near quota: from the same read, refreshed every minute whoever asks. */
    async alertsCount(refresh: boolean, threshold = DEFAULT_ALERT_THRESHOLD): Promise<Cached<{ count: number; threshold: number }>> {
      // The badge's own threshold: the upstream counts (one call, limit 1, a minute), not every page of every restaurant.
      if (threshold === DEFAULT_ALERT_THRESHOLD) {
        const counted = await cache.get(KEYS.badge, async () => (await client.listAlerts({ threshold, limit: 1, offset: 0 })).pagination.total, {
          refresh,
          ttlMs: Math.min(ALERTS_COUNT_TTL_MS, ctx.core.UPSTREAM_CACHE_TTL_S * 1000),
        });
        return { ...counted, value: { count: counted.value, threshold } };
      }
      const all = await allAlerts(refresh);
      return { ...all, value: { count: atThreshold(all.value, threshold).length, threshold } };
    },
    detail: (id: string, refresh: boolean) => ofRestaurant(id, "detail", () => client.getRestaurant(id), refresh),
    own: (id: string, refresh: boolean) => ofRestaurant(id, "own", () => client.getOwnUsage(id), refresh),
  };
});
