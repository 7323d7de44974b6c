import { PURPOSES, type Purpose } from "./constants";
import type { APIKeySummary, ApiUsageMetrics } from "./contract";
import type { ApiKeysTables } from "./db";

/**
 * The upstream's figures rebuilt from synced data, for when the upstream is down: the same rules
 * the upstream applies (see README, "The contract"), written once as pure functions.
 */

export type Range = { from?: string; to?: string };

/** A stored key snapshot, as the mapping reads it. */
export type SnapshotRow = Omit<ApiKeysTables["api_keys_key_snapshots"], "synced_at">;

/** Per key, from stored tasks: requests in the range and the latest use ever. */
type KeyActivity = { api_key_id: string; in_range: number; last_used_at: string | null };

export function inRange(at: string | null, { from, to }: Range): boolean {
  if (!at) return false;
  return (!from || at >= from) && (!to || at <= to);
}

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : a > b ? a : b);

/**
 * Keys as GET /api-keys?from&to answers: live keys; with a range, only those last used in it, and
 * `total_requests` counting the range's requests. Without a range, the snapshot's lifetime total.
 */
export function keysFromSynced(snapshots: readonly SnapshotRow[], activity: readonly KeyActivity[], range: Range): APIKeySummary[] {
  const byKey = new Map(activity.map((a) => [a.api_key_id, a]));
  const ranged = Boolean(range.from || range.to);
  return snapshots
    .filter((s) => !s.revoked_at)
    .map(({ id, user_id, name, purpose, key_prefix, created_at, ...s }) => {
      const a = byKey.get(id);
      const total_requests = ranged ? (a?.in_range ?? 0) : Math.max(s.total_requests, a?.in_range ?? 0);
      return {
        id,
        user_id,
        name,
        purpose: purpose as Purpose,
        key_prefix,
        created_at,
        last_used_at: later(s.last_used_at, a?.last_used_at ?? null),
        total_requests,
      };
    })
    .filter((k) => !ranged || inRange(k.last_used_at, range));
}

/** Per purpose, every purpose listed (zero when unused), in the plan's order. */
export function purposeTotals(rows: readonly { purpose: string | null; requests: number; last_used_at: string | null }[], range: Range): ApiUsageMetrics {
  const purposes = PURPOSES.map((purpose) => {
    const mine = rows.filter((r) => r.purpose === purpose);
    return {
      purpose,
      total_requests: mine.reduce((s, r) => s + Number(r.requests), 0),
      last_used_at: mine.reduce<string | null>((l, r) => later(l, r.last_used_at), null),
    };
  });
  return { from: range.from ?? null, to: range.to ?? null, total_requests: purposes.reduce((s, p) => s + p.total_requests, 0), purposes };
}

/** Keys filtered by integration type (the page's filter); no types selected means all. */
export function byPurpose<T extends { purpose: string }>(rows: readonly T[], types: readonly string[]): T[] {
  return types.length === 0 ? [...rows] : rows.filter((r) => types.includes(r.purpose));
}

/** What a list may show of a key: its prefix, then a mask; never more. */
export function maskedKey(prefix: string): string {
  return `${prefix}${"•".repeat(8)}`;
}
