/** Quota math shared by the server (overview entries) and the browser (progress colours). */
export interface Quota {
  totalQuota: number | null;
  remainingQuota: number;
  usedQuota: number | null;
  /** Used share of the total, 0–100, two decimals; null when there is no positive total. */
  usagePercentage: number | null;
}

/** Share used at which a quota counts as near its limit. */
export const AT_RISK = 0.9;

export function computeQuota(total: number | null | undefined, remaining: number): Quota {
  if (total == null || !Number.isFinite(total) || total <= 0) {
    return { totalQuota: total ?? null, remainingQuota: remaining, usedQuota: total === 0 ? 0 : null, usagePercentage: null };
  }
  // Credits above the plan's total (a top-up) mean nothing of the total is used yet.
  const used = Math.max(0, total - remaining);
  const percentage = Math.min(100, Math.round((used / total) * 10000) / 100);
  return { totalQuota: total, remainingQuota: remaining, usedQuota: used, usagePercentage: percentage };
}

export type QuotaLevel = "ok" | "warning" | "exhausted" | "unknown";

export function quotaLevel(percentage: number | null | undefined): QuotaLevel {
  if (percentage == null) return "unknown";
  if (percentage >= 100) return "exhausted";
  if (percentage >= AT_RISK * 100) return "warning";
  return "ok";
}
