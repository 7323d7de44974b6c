import { describe, expect, it } from "vitest";
import { byPurpose, keysFromSynced, maskedKey, purposeTotals, type SnapshotRow } from "./mapping";

const snap = (id: string, purpose: string, last: string | null, extra: Partial<SnapshotRow> = {}): SnapshotRow => ({
  id,
  user_id: "u1",
  name: `key ${id}`,
  purpose,
  key_prefix: `evk_live_${id}`,
  created_at: "2026-09-01T00:00:00.000Z",
  last_used_at: last,
  total_requests: 40,
  revoked_at: null,
  ...extra,
});

describe("keysFromSynced (per key over a date range)", () => {
  const snapshots = [
    snap("a", "Zapier", "2026-11-20T10:00:00.000Z"),
    snap("b", "n8n", "2026-10-02T10:00:00.000Z"),
    snap("c", "Custom", null, { revoked_at: "2026-11-01T00:00:00.000Z" }),
  ];
  const activity = [
    { api_key_id: "a", in_range: 7, last_used_at: "2026-11-21T08:00:00.000Z" },
    { api_key_id: "b", in_range: 0, last_used_at: "2026-10-02T10:00:00.000Z" },
  ];

  it("without a range lists live keys with their lifetime totals", () => {
    const keys = keysFromSynced(snapshots, activity, {});
    expect(keys.map((k) => [k.id, k.total_requests, k.last_used_at])).toEqual([
      ["a", 40, "2026-11-21T08:00:00.000Z"],
      ["b", 40, "2026-10-02T10:00:00.000Z"],
    ]);
  });

  it("with a range keeps keys last used in it and counts the range's requests", () => {
    const keys = keysFromSynced(snapshots, activity, { from: "2026-11-01T00:00:00.000Z", to: "2026-11-30T23:59:59.999Z" });
    expect(keys.map((k) => [k.id, k.total_requests])).toEqual([["a", 7]]);
  });

  it("a range that ends before a key's last use leaves it out, as the upstream filters by last_used_at", () => {
    expect(keysFromSynced(snapshots, activity, { to: "2026-10-31T00:00:00.000Z" }).map((k) => k.id)).toEqual(["b"]);
  });
});

describe("purposeTotals (per purpose)", () => {
  it("lists every integration type in the plan's order with zero for the unused", () => {
    const m = purposeTotals(
      [
        { purpose: "n8n", requests: 3, last_used_at: "2026-11-02T00:00:00.000Z" },
        { purpose: "Zapier", requests: 5, last_used_at: "2026-11-03T00:00:00.000Z" },
        { purpose: null, requests: 9, last_used_at: null },
      ],
      { from: "2026-11-01T00:00:00.000Z" },
    );
    expect(m.purposes.map((p) => [p.purpose, p.total_requests])).toEqual([
      ["Zapier", 5],
      ["n8n", 3],
      ["Google Sheets", 0],
      ["Custom", 0],
    ]);
    expect(m).toMatchObject({ total_requests: 8, from: "2026-11-01T00:00:00.000Z", to: null });
  });
});

describe("byPurpose and maskedKey", () => {
  it("filters by integration type, all when none is chosen", () => {
    const rows = [{ purpose: "Zapier" }, { purpose: "n8n" }];
    expect(byPurpose(rows, [])).toHaveLength(2);
    expect(byPurpose(rows, ["n8n"])).toEqual([{ purpose: "n8n" }]);
  });

  it("shows the prefix and a mask, nothing more", () => {
    expect(maskedKey("evk_live_ab12")).toBe("evk_live_ab12••••••••");
  });
});
