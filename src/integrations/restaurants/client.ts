import type { z } from "zod";
import { UpstreamError, upstreamFetch } from "../../server/upstream/http";
import {
  alertsSchema,
  PATHS,
  type RenewBody,
  renewResponseSchema,
  restaurantDetailSchema,
  restaurantUsageSchema,
  upstreamErrorSchema,
  usageListSchema,
} from "./contract";

export const RESTAURANTS = "Restaurant usage API";

export interface RestaurantsClientOptions {
  baseUrl: string;
  /** BOT_API_KEY: admin calls (list, alerts, detail, renew). */
  apiKey?: string;
  /** DASHBOARD_PAT: the single-restaurant call. */
  pat?: string;
  timeoutMs?: number;
}

/** Typed client of the restaurant bot backend's Usage API. Every failure is an UpstreamError. */
export function createRestaurantsClient({ baseUrl, apiKey, pat, timeoutMs }: RestaurantsClientOptions) {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;

  async function call<S extends z.ZodType>(
    schema: S,
    path: string,
    auth: Record<string, string>,
    init: { query?: Record<string, string | number>; method?: "GET" | "POST"; body?: unknown } = {},
  ): Promise<z.infer<S>> {
    const url = new URL(path, root);
    for (const [k, v] of Object.entries(init.query ?? {})) url.searchParams.set(k, String(v));
    const res = await upstreamFetch({ upstream: RESTAURANTS, url: url.toString(), method: init.method, headers: auth, body: init.body, timeoutMs });
    if (res.status >= 200 && res.status < 300) {
      const ok = schema.safeParse(res.body);
      if (ok.success) return ok.data;
      throw new UpstreamError(RESTAURANTS, "invalid_response", `${RESTAURANTS} sent an answer the console does not understand`, res.status);
    }
    const failure = upstreamErrorSchema.safeParse(res.body);
    const code = failure.success ? (failure.data.code ?? (typeof failure.data.error === "object" ? failure.data.error.code : undefined)) : undefined;
    const retryAfter = Number(res.headers.get("retry-after"));
    throw new UpstreamError(
      RESTAURANTS,
      "http",
      `${RESTAURANTS} answered ${res.status}`,
      res.status,
      code,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }

  const admin = (): Record<string, string> => {
    if (!apiKey) throw new UpstreamError(RESTAURANTS, "not_configured", "BOT_API_KEY is not set");
    return { "x-api-key": apiKey };
  };

  return {
    /** GET /api/usage (admin): a page of active restaurants. */
    listUsage: async (page: { limit: number; offset: number }) => call(usageListSchema, PATHS.usage, admin(), { query: page }),
    /** GET /api/usage/alerts: restaurants at or above `threshold` (0–1) of their effective limit. */
    listAlerts: async (q: { threshold: number; limit: number; offset: number }) => call(alertsSchema, PATHS.alerts, admin(), { query: q }),
    /** GET /api/usage/:restaurantId (admin): usage with 6 months of history. */
    getRestaurant: async (restaurantId: string) => call(restaurantDetailSchema, PATHS.detail(restaurantId), admin()),
    /** POST /api/admin/usage/:restaurantId/renew: a top-up of this month's allowance. Never retried. */
    renew: async (restaurantId: string, body: RenewBody) => call(renewResponseSchema, PATHS.renew(restaurantId), admin(), { method: "POST", body }),
    /** GET /api/usage with the dashboard PAT and X-Restaurant-Id: one restaurant. */
    async getOwnUsage(restaurantId: string) {
      if (!pat) throw new UpstreamError(RESTAURANTS, "not_configured", "DASHBOARD_PAT is not set");
      return call(restaurantUsageSchema, PATHS.usage, { authorization: `Bearer ${pat}`, "x-restaurant-id": restaurantId });
    },
  };
}

export type RestaurantsClient = ReturnType<typeof createRestaurantsClient>;
