import { describe, expect, it } from "vitest";
import { envelopeSerializer } from "./json-serializer";

describe("envelopeSerializer", () => {
  it("gives JSON.stringify's bytes, envelope or not, and stringifies an envelope's data once", () => {
    const serialize = envelopeSerializer();
    const data = { rows: [{ id: "r1", used: 10, note: undefined }], total: 1 };
    const meta = { fetchedAt: "2026-01-01T00:00:00.000Z", stale: false, demo: true, message: undefined };
    for (const payload of [{ data, meta }, { data: [1, 2], meta }, { data: "text", meta }, { meta, data }, { data, meta, more: 1 }, [1], { ok: true }, null]) {
      expect(serialize(payload)).toBe(JSON.stringify(payload));
    }
    let calls = 0;
    const counted = {
      get rows() {
        calls++;
        return [1];
      },
    };
    serialize({ data: counted, meta });
    serialize({ data: counted, meta: { ...meta, stale: true } });
    expect(calls).toBe(1);
    expect(serialize({ data: counted, meta: { stale: true } })).toBe('{"data":{"rows":[1]},"meta":{"stale":true}}');
  });
});
