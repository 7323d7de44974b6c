import type { Envelope } from "../usage";
import type { RenewResult, RestaurantDetail, RestaurantUsage, UsageAlerts, UsageList } from "./contract";

/**
 * The console's own routes for restaurants (docs/architecture.md), written once: the server registers them,
 * the browser calls them (relative to the API base). Every read answers `{data, meta}`; `data` is
 * the upstream's shape. The server's input schemas are in inputs.ts.
 */
export const API = {
  list: "/restaurants/usage",
  alerts: "/restaurants/usage/alerts",
  alertsCount: "/restaurants/usage/alerts/count",
  detail: "/restaurants/usage/:restaurantId",
  renew: "/restaurants/usage/:restaurantId/renew",
  renewals: "/restaurants/usage/:restaurantId/renewals",
  /** A person says whether a renewal whose outcome is unknown was applied: `{applied: boolean}`. */
  resolve: "/restaurants/usage/:restaurantId/renewals/:key/resolve",
  own: "/restaurants/own",
} as const;

/** A restaurant's route with its id filled in. */
export const pathOf = (route: string, restaurantId: string) => route.replace(":restaurantId", encodeURIComponent(restaurantId));
/** The paths as the browser and tests call them, with a restaurant's id filled in. */
export const BFF = {
  ...API,
  detail: (id: string) => pathOf(API.detail, id),
  renew: (id: string) => pathOf(API.renew, id),
  renewals: (id: string) => pathOf(API.renewals, id),
  resolve: (id: string, key: string) => pathOf(API.resolve, id).replace(":key", encodeURIComponent(key)),
};

/** The Usage API's fixed numbers (no zod, so the browser gets them). Unlimited plans answer `-1` and omit `usagePercent`. */
export const UNLIMITED = -1;
/** Upstream page bounds: `GET /api/usage` at most 100 a page, alerts at most 200. */
export const USAGE_PAGE = { default: 20, max: 100 } as const;
export const ALERTS_PAGE = { default: 50, max: 200 } as const;
export const DEFAULT_ALERT_THRESHOLD = 0.9;
export const RENEW_DEFAULT_AMOUNT = 1000;
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const RENEW_MAX_AMOUNT = 100_000;
export const RENEW_REASON_MAX = 500;

export type RenewInput = { amount: number; reason: string };

export type UsageListResponse = Envelope<UsageList>;
export type AlertsResponse = Envelope<UsageAlerts>;
export type AlertsCount = { count: number; threshold: number };
export type DetailResponse = Envelope<RestaurantDetail>;
export type Own = RestaurantUsage & { history: RestaurantDetail["history"] };
export type OwnResponse = Envelope<Own>;

/** The renew answer, with the fields an unlimited plan may leave out filled in. */
export type RenewOutcome = Pick<RenewResult, "used" | "limit" | "remaining" | "usagePercent" | "isNearingQuota"> & {
  restaurantId: string;
  effectiveLimit: number;
  adjustedBy: number;
};
export type RenewResponseBody = { success: true; data: RenewOutcome };

/** One renewal attempt of a restaurant, from the audit log. */
export interface Renewal {
  id: number;
  at: string;
  actorEmail: string | null;
  amount: number | null;
  reason: string | null;
  /** "unknown": the upstream may or may not have applied it; `error` says "Outcome unknown — check" until a person resolves it. */
  outcome: "success" | "failure" | "unknown";
  /** The effective limit after a successful renewal, or why it failed. */
  effectiveLimit?: number;
  error?: string;
}
export type RenewalsResponse = Envelope<Renewal[]>;
