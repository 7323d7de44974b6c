import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../tests/helpers/app";
import { bodyHash, type Journal, type Outcome, once } from "./idempotency";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(TEST_DATABASES)("idempotency keys (%s)", (database) => {
  let t: TestApp;
  let n = 0;
  const scope = () => `test:${database}:${++n}`;
  const ok = (body: unknown): Outcome => ({ status: 200, body, final: true });

  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t.close());

  it("lets requests that waited on a curable failure share it, and a later request try again", async () => {
    const s = scope();
    let runs = 0;
    const work = async (): Promise<Outcome> => {
      runs++;
      await sleep(100);
      return runs === 1 ? { status: 502, body: { error: "down" }, final: false } : ok("done");
    };
    const together = await Promise.all([0, 1, 2].map(() => once(t.db, { scope: s, key: "k", body: 1, waitMs: 5000 }, work)));
    expect(together.map((a) => a.status)).toEqual([502, 502, 502]);
    expect(runs).toBe(1);
    const later = await once(t.db, { scope: s, key: "k", body: 1, waitMs: 5000 }, work);
    expect(later).toMatchObject({ status: 200, body: "done", replayed: false });
    expect(runs).toBe(2);
  });

  it("answers 409 when the first request with the key takes longer than the wait", async () => {
    const s = scope();
    const slow = once(t.db, { scope: s, key: "k", body: 1, waitMs: 5000 }, async () => {
      await sleep(400);
      return ok("slow");
    });
    await sleep(50);
    await expect(once(t.db, { scope: s, key: "k", body: 1, waitMs: 100 }, async () => ok("never"))).rejects.toMatchObject({
      statusCode: 409,
      code: "idempotency_in_progress",
    });
    expect((await slow).body).toBe("slow");
  });

  it("takes over a key a dead replica left pending", async () => {
    const s = scope();
    await t.db
      .insertInto("idempotency_keys")
      .values({ scope: s, key: "k", body_hash: bodyHash(1), status: null, response: null, created_at: new Date(Date.now() - 120_000).toISOString() })
      .execute();
    const answer = await once(t.db, { scope: s, key: "k", body: 1, waitMs: 1000, abandonedMs: 60_000 }, async () => ok("taken over"));
    expect(answer).toMatchObject({ body: "taken over", replayed: false });
  });

  it("with a journal, records the intent in the claim, completes it with the answer, and reconciles an abandoned key instead of running it again", async () => {
    const s = scope();
    const log: string[] = [];
    const journal = (answer: "applied" | "not_applied"): Journal => ({
      prepare: async () => "read",
      record: async (_trx, prepared) => log.push(`record ${prepared}`) > 0,
      complete: async (_trx, outcome) => void log.push(`complete ${outcome.status}`),
      async reconcile() {
        log.push(`reconcile ${answer}`);
        const q = t.db.updateTable("idempotency_keys").where("scope", "=", s).where("status", "is", null);
        if (answer === "applied") await q.set({ status: 200, response: JSON.stringify({ status: 200, body: "checked", final: true }) }).execute();
        else await t.db.deleteFrom("idempotency_keys").where("scope", "=", s).execute();
      },
    });
    const opts = (key: string, j: Journal) => ({ scope: s, key, body: 1, waitMs: 2000, abandonedMs: 60_000, journal: j });
    expect((await once(t.db, opts("a", journal("applied")), async () => ok("ran"))).body).toBe("ran");
    expect(log).toEqual(["record read", "complete 200"]);
    let runs = 0;
    const work = async () => {
      runs++;
      return ok("ran again");
    };
    for (const [key, answer] of [
      ["b", "applied"],
      ["c", "not_applied"],
    ] as const) {
      const old = new Date(Date.now() - 120_000).toISOString();
      await t.db
        .insertInto("idempotency_keys")
        .values({ scope: s, key, body_hash: bodyHash(1), status: null, response: null, created_at: old })
        .execute();
      const answered = await once(t.db, opts(key, journal(answer)), work);
      expect(answered.body).toBe(answer === "applied" ? "checked" : "ran again");
    }
    expect(runs).toBe(1); // only the key the check let go ran again
  });

  it("with a journal, waits while another write of the same thing is in flight (record says contended)", async () => {
    const s = scope();
    let tries = 0;
    const journal: Journal = { prepare: async () => 1, record: async () => ++tries > 2, complete: async () => undefined, reconcile: async () => undefined };
    const answer = await once(t.db, { scope: s, key: "k", body: 1, waitMs: 2000, journal }, async () => ok("after waiting"));
    expect(answer.body).toBe("after waiting");
    expect(tries).toBe(3);
    // The contended claims were rolled back: one key row, answered.
    expect(await t.db.selectFrom("idempotency_keys").select("status").where("scope", "=", s).execute()).toEqual([{ status: 200 }]);
  });

  it("forgets a scope's answers after their retention", async () => {
    const s = scope();
    await t.db
      .insertInto("idempotency_keys")
      .values({
        scope: s,
        key: "old",
        body_hash: bodyHash(1),
        status: 200,
        response: JSON.stringify({ status: 200, body: "old", final: true }),
        created_at: "2020-01-01T00:00:00.000Z",
      })
      .execute();
    await once(t.db, { scope: s, key: "new", body: 1, waitMs: 1000 }, async () => ok("new"));
    const keys = await t.db.selectFrom("idempotency_keys").select("key").where("scope", "=", s).execute();
    expect(keys.map((k) => k.key)).toEqual(["new"]);
  });

  it("lets the key go when the work throws, so a retry runs", async () => {
    const s = scope();
    await expect(once(t.db, { scope: s, key: "k", body: 1, waitMs: 1000 }, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect((await once(t.db, { scope: s, key: "k", body: 1, waitMs: 1000 }, async () => ok("second"))).body).toBe("second");
  });
});
