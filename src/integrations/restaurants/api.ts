import type { RestaurantDetail, RestaurantUsage, UsageAlerts, UsageList } from "./contract";

/**
 * The console's own routes for restaurants (DESIGN.md): their paths and their answers, which are
 * the upstream's shapes plus `meta`. Browser and server both read this; the server's input
 * schemas are in inputs.ts.
 */
export const BFF = {
  list: "/restaurants/usage",
  alerts: "/restaurants/usage/alerts",
  detail: (id: string) => `/restaurants/usage/${encodeURIComponent(id)}`,
  renew: (id: string) => `/restaurants/usage/${encodeURIComponent(id)}/renew`,
  renewals: (id: string) => `/restaurants/usage/${encodeURIComponent(id)}/renewals`,
  alertsCount: "/restaurants/usage/alerts/count",
  own: "/restaurants/own",
} as const;

/** The same paths as Fastify route patterns. */
export const ROUTES = {
  detail: "/restaurants/usage/:restaurantId",
  renew: "/restaurants/usage/:restaurantId/renew",
  renewals: "/restaurants/usage/:restaurantId/renewals",
  alertsCount: "/restaurants/usage/alerts/count",
} as const;

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const RENEW_MAX_AMOUNT = 100_000;
export const RENEW_REASON_MAX = 500;

export interface RenewInput {
  amount: number;
  reason: string;
}

/** Where an answer came from: when it was fetched, and whether it is the last good one (upstream down). */
export interface ReadMeta {
  fetchedAt: string;
  stale: boolean;
  demo: boolean;
  message?: string;
}

export type UsageListResponse = UsageList & { meta: ReadMeta };
export type AlertsResponse = UsageAlerts & { meta: ReadMeta };
export type DetailResponse = RestaurantDetail & { meta: ReadMeta };
export type OwnResponse = RestaurantUsage & { history: RestaurantDetail["history"]; meta: ReadMeta };

/** The renew answer, with the fields an unlimited plan may leave out filled in. */
export interface RenewOutcome {
  restaurantId: string;
  used: number;
  limit: number;
  effectiveLimit: number;
  adjustedBy: number;
  remaining: number;
  usagePercent?: number;
  isNearingQuota: boolean;
}
export interface RenewResponseBody {
  success: true;
  data: RenewOutcome;
}

/** One renewal attempt of a restaurant, from the audit log. */
export interface Renewal {
  id: number;
  at: string;
  actorEmail: string | null;
  amount: number | null;
  reason: string | null;
  outcome: "success" | "failure";
  /** The effective limit after a successful renewal, or why it failed. */
  effectiveLimit?: number;
  error?: string;
}
export interface RenewalsResponse {
  data: Renewal[];
}
