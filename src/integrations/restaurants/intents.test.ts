import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../tests/helpers/app";
import { CLOCK_MARGIN_MS, finishIntent, intentsOf, mayBeUnseen } from "./intents";

/** Which finished renewals a read of the restaurant made at `readAt` may not have seen yet. */
describe("a renewal a read may have missed", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("is one another process finished within the clock margin before the read", () => {
    const readAt = Date.parse("2026-11-25T10:00:00.000Z");
    const at = (ms: number) => ({ id: 987_654, finished_at: new Date(readAt - ms).toISOString() });
    expect(mayBeUnseen(at(CLOCK_MARGIN_MS / 2), readAt)).toBe(true);
    expect(mayBeUnseen(at(CLOCK_MARGIN_MS + 1), readAt)).toBe(false);
  });

  it("is one this process finished only when it did not finish strictly before the read", async () => {
    const { id } = await intentsOf(t.db)
      .insertInto("restaurants_renewal_intents")
      .values({
        scope: "s",
        key: "k-1",
        restaurant_id: "r-1",
        reason: "test",
        month: "2026-11",
        state: "pending",
        created_at: new Date().toISOString(),
        amount: 1000,
        adjusted_before: 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await finishIntent(t.db, id, "applied");
    const row = await intentsOf(t.db).selectFrom("restaurants_renewal_intents").select(["id", "finished_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const finished = Date.parse(row.finished_at!);
    expect(mayBeUnseen(row, finished + 1)).toBe(false);
    expect(mayBeUnseen(row, finished)).toBe(true);
  });
});
