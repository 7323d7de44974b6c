import type { Dayjs } from "dayjs";
import type { ReadMeta } from "../usage";
import type { SyncState } from "./api";
import { PURPOSES, type Purpose } from "./constants";
import type { ApiUsageMetrics } from "./contract";
import { byPurpose } from "./mapping";

/** What the pages show, computed without React: the range sent, the bars drawn, the words of freshness. */

export type UsageView = "key" | "purpose";
export const VIEWS: { value: UsageView; label: string }[] = [
  { value: "key", label: "Per key" },
  { value: "purpose", label: "Per purpose" },
];

/** A tag colour per integration type, so every table tags them alike. */
export const PURPOSE_COLOURS: Record<Purpose, string> = { Zapier: "orange", n8n: "magenta", "Google Sheets": "green", Custom: "blue" };
export const PURPOSE_OPTIONS = PURPOSES.map((p) => ({ value: p, label: p }));

/** A picked range of days as the server's `from`/`to`: from the first day's start to the last day's end. */
export function rangeToQuery(range: readonly [Dayjs, Dayjs] | null): { from?: string; to?: string } {
  if (!range) return {};
  return { from: range[0].startOf("day").toISOString(), to: range[1].endOf("day").toISOString() };
}

/** Per-purpose totals as bars, narrowed to the chosen integration types. */
export function purposeBars(metrics: ApiUsageMetrics | undefined, types: readonly string[]) {
  return byPurpose(metrics?.purposes ?? [], types).map((p) => ({ label: p.purpose, value: p.total_requests }));
}

/** "Last synced …" and whether to offer Retry: a stale answer, or a sync that failed after the last good one. */
export function freshnessOf(read: ReadMeta | undefined, sync?: Pick<SyncState, "lastRun" | "lastOkAt">) {
  const lastRun = sync?.lastRun;
  const failed = lastRun?.ok === false ? `The last sync failed: ${lastRun.error ?? "unknown reason"}` : null;
  return { lastSyncedAt: sync?.lastOkAt ?? null, problem: read?.stale ? (read.message ?? "Showing the last synced data.") : failed };
}

/** How a ledger row reads: "−120" for a deduction, "+10,000" for a grant. */
export function signedCredits(kind: "grant" | "deduction", applied: number, format: (n: number) => string): string {
  return kind === "grant" ? `+${format(applied)}` : `−${format(applied)}`;
}
