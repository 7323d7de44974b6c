import type { Status } from "../../ui/status-tag";
import { DEFAULT_ALERT_THRESHOLD, type RenewOutcome, UNLIMITED } from "./api";
import type { HistoryEntry, RestaurantUsage } from "./contract";

/** The share of the effective limit at which a restaurant counts as near quota (the upstream's default). */
export const NEAR_QUOTA = DEFAULT_ALERT_THRESHOLD;

/**
 * What a row, a card and the owner's page show for one restaurant: `limit` is the effective monthly
 * limit, `percent` 0–100 from the upstream's `usagePercent` (or computed from the allowance); both,
 * and `remaining`, null when unlimited. `over`: more conversations than the limit (`usagePercent`
 * stops at 100, this does not). `badge`: the one badge the row shows, if any.
 */
export function figuresOf(r: Pick<RestaurantUsage, "conversationsThisMonth" | "allowance" | "usagePercent" | "isNearingQuota">): Figures {
  const used = r.conversationsThisMonth;
  const limit = r.allowance.monthlyLimit;
  if (limit === UNLIMITED) return { used, limit: null, remaining: null, percent: null, unlimited: true, over: false, near: false, badge: "unlimited" };
  const percent = r.usagePercent ?? (limit > 0 ? Math.min(100, (used / limit) * 100) : 100);
  const over = used >= limit;
  const near = r.isNearingQuota;
  return {
    used,
    limit,
    remaining: r.allowance.monthlyRemaining,
    percent,
    unlimited: false,
    over,
    near,
    badge: over ? "over_quota" : near ? "near_quota" : null,
  };
}
type Badge = Extract<Status, "unlimited" | "over_quota" | "near_quota">;
export type Figures = {
  used: number;
  limit: number | null;
  remaining: number | null;
  percent: number | null;
  unlimited: boolean;
  over: boolean;
  near: boolean;
  badge: Badge | null;
};

/** The row after a renewal: the answer's limit, remaining, percent, badge and top-ups, without reloading the list. */
export function applyRenew<T extends RestaurantUsage>(row: T, outcome: RenewOutcome): T {
  const { usagePercent: _old, ...rest } = row;
  return {
    ...(rest as T),
    conversationsThisMonth: outcome.used,
    adjustedBy: outcome.adjustedBy,
    allowance: { ...row.allowance, monthlyLimit: outcome.effectiveLimit, monthlyRemaining: outcome.remaining },
    ...(outcome.usagePercent !== undefined ? { usagePercent: outcome.usagePercent } : {}),
    isNearingQuota: outcome.isNearingQuota,
  };
}

/** A renewal's answer and when it came (ms): rows fetched after it already hold the renewal, and newer figures. */
export type Renewed = { outcome: RenewOutcome; at: number };

/** The rows of a page with the answers of renewals made since it was fetched laid over them. */
export function withRenewals<T extends RestaurantUsage>(rows: readonly T[], renewed: Readonly<Record<string, Renewed>>, fetchedAt: number): T[] {
  return rows.map((r) => {
    const done = renewed[r.restaurantId];
    return done && done.at > fetchedAt ? applyRenew(r, done.outcome) : r;
  });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Six bars, oldest first, ending with this month; a month the upstream did not list counts 0. */
export function historySeries(history: readonly HistoryEntry[], now = new Date()): { label: string; value: number }[] {
  const byMonth = new Map(history.map((h) => [`${h.year}-${h.month}`, h.conversationCount]));
  const bars = [];
  for (let i = 5; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = d.getUTCMonth() + 1;
    const year = d.getUTCFullYear();
    bars.push({
      label: month === 1 || i === 5 ? `${MONTHS[month - 1]} ${String(year).slice(2)}` : MONTHS[month - 1],
      value: byMonth.get(`${year}-${month}`) ?? 0,
    });
  }
  return bars;
}

/** The alerts page speaks percent (90); the API speaks a share (0.9). */
export const percentToThreshold = (percent: number) => Math.round(Math.min(100, Math.max(0, percent)) * 100) / 10_000;
export const thresholdToPercent = (threshold: number) => Math.round(threshold * 10_000) / 100;
