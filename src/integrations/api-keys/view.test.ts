import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import type { ApiUsageMetrics } from "./contract";
import { freshnessOf, purposeBars, rangeToQuery, signedCredits } from "./view";

describe("rangeToQuery", () => {
  it("sends whole days: from the first day's start to the last day's end", () => {
    const q = rangeToQuery([dayjs("2026-11-01T15:00:00"), dayjs("2026-11-07T09:00:00")]);
    expect(dayjs(q.from).format("YYYY-MM-DD HH:mm:ss.SSS")).toBe("2026-11-01 00:00:00.000");
    expect(dayjs(q.to).format("YYYY-MM-DD HH:mm:ss.SSS")).toBe("2026-11-07 23:59:59.999");
    expect(q.from).toMatch(/Z$/);
  });

  it("sends nothing for all time", () => {
    expect(rangeToQuery(null)).toEqual({});
  });
});

describe("purposeBars", () => {
  const metrics: ApiUsageMetrics = {
    from: null,
    to: null,
    total_requests: 12,
    purposes: [
      { purpose: "Zapier", total_requests: 5, last_used_at: null },
      { purpose: "n8n", total_requests: 7, last_used_at: null },
    ],
  };
  it("draws a bar per purpose, only the chosen types when some are chosen", () => {
    expect(purposeBars(metrics, [])).toEqual([
      { label: "Zapier", value: 5 },
      { label: "n8n", value: 7 },
    ]);
    expect(purposeBars(metrics, ["n8n"])).toEqual([{ label: "n8n", value: 7 }]);
    expect(purposeBars(undefined, [])).toEqual([]);
  });
});

describe("freshnessOf", () => {
  const base = { fetchedAt: "2026-11-24T12:00:00.000Z", demo: false, lastSyncedAt: "2026-11-24T11:00:00.000Z" };
  const run = (ok: boolean, error: string | null = null) => ({
    id: 1,
    trigger: "manual",
    ok,
    error,
    keys: 1,
    tasks: 1,
    deducted: 1,
    startedAt: base.fetchedAt,
    finishedAt: base.fetchedAt,
  });
  it("says nothing is wrong for a fresh answer and a good last sync", () => {
    expect(freshnessOf({ ...base, stale: false }, { lastRun: run(true), lastOkAt: base.lastSyncedAt })).toEqual({
      lastSyncedAt: base.lastSyncedAt,
      problem: null,
    });
  });

  it("gives the stale answer's reason, or the failed sync's", () => {
    expect(freshnessOf({ ...base, stale: true, message: "The API could not be reached. Showing the last synced data." }).problem).toMatch(
      /could not be reached/,
    );
    const failed = { lastRun: run(false, "The API answered with an error (500)."), lastOkAt: base.lastSyncedAt };
    expect(freshnessOf({ ...base, stale: false }, failed).problem).toBe("The last sync failed: The API answered with an error (500).");
  });

  it("knows the last good sync from the sync state before the figures arrive", () => {
    expect(freshnessOf(undefined, { lastRun: run(false, "down"), lastOkAt: "2026-11-24T10:00:00.000Z" }).lastSyncedAt).toBe("2026-11-24T10:00:00.000Z");
    expect(freshnessOf(undefined).lastSyncedAt).toBeNull();
  });
});

describe("signedCredits", () => {
  it("shows grants as added and deductions as taken", () => {
    const f = (n: number) => n.toLocaleString("en-US");
    expect(signedCredits("grant", 10000, f)).toBe("+10,000");
    expect(signedCredits("deduction", 120, f)).toBe("−120");
  });
});
