import { z } from "zod";
import { ALERTS_PAGE, DEFAULT_ALERT_THRESHOLD, RENEW_DEFAULT_AMOUNT, type RestaurantDetail, type RestaurantUsage, type UsageAlerts, type UsageList, USAGE_PAGE } from "./contract";

/**
 * The console's own routes for restaurants (DESIGN.md): their inputs (zod, shared by the server
 * that enforces them and the browser that fills them) and their answers, which are the upstream's
 * shapes plus `meta`.
 */
export const BFF = {
  list: "/api/restaurants/usage",
  alerts: "/api/restaurants/usage/alerts",
  detail: (id: string) => `/api/restaurants/usage/${encodeURIComponent(id)}`,
  renew: (id: string) => `/api/restaurants/usage/${encodeURIComponent(id)}/renew`,
  renewals: (id: string) => `/api/restaurants/usage/${encodeURIComponent(id)}/renewals`,
  alertsCount: "/api/restaurants/usage/alerts/count",
  own: "/api/restaurants/own",
} as const;

/** The same paths as Fastify route patterns. */
export const ROUTES = {
  detail: "/api/restaurants/usage/:restaurantId",
  renew: "/api/restaurants/usage/:restaurantId/renew",
  renewals: "/api/restaurants/usage/:restaurantId/renewals",
  alertsCount: "/api/restaurants/usage/alerts/count",
} as const;

export const RENEW_MAX_AMOUNT = 100_000;
export const RENEW_REASON_MAX = 500;

const refresh = z
  .enum(["1", "0", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(USAGE_PAGE.max).default(USAGE_PAGE.default),
  offset,
  refresh,
});

export const alertsQuery = z.object({
  threshold: z.coerce.number().min(0).max(1).default(DEFAULT_ALERT_THRESHOLD),
  limit: z.coerce.number().int().min(1).max(ALERTS_PAGE.max).default(ALERTS_PAGE.default),
  offset,
  refresh,
});

export const readQuery = z.object({ refresh });

/** Restaurant ids are cuids; anything else never reaches the upstream's URL. */
export const restaurantParams = z.object({
  restaurantId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "must be a restaurant id (letters, digits, - and _)"),
});

export const renewInput = z.object({
  amount: z.number().int("must be a whole number").min(1, "must be at least 1").max(RENEW_MAX_AMOUNT, `must be at most ${RENEW_MAX_AMOUNT}`).default(RENEW_DEFAULT_AMOUNT),
  reason: z
    .string("is required")
    .trim()
    .min(1, "is required")
    .max(RENEW_REASON_MAX, `must be at most ${RENEW_REASON_MAX} characters`),
});
export type RenewInput = z.infer<typeof renewInput>;

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const renewHeaders = z.object({
  [IDEMPOTENCY_HEADER]: z.string("is required: one key for each renewal").regex(/^[\x21-\x7e]{8,200}$/, "must be 8–200 visible ASCII characters"),
});

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
