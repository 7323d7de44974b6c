import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { Envelope } from "../usage";
import type { CreditBalance, LedgerPage } from "./api";
import { type ApiKeysDb, tables } from "./db";
import apiKeysServer from "./server";
import type { ApiKeysSimulatorControl } from "./simulator";

describe.each(TEST_DATABASES)("sync and credits (%s)", (database) => {
  let t: TestApp;
  let sim: ApiKeysSimulatorControl;
  let db: ApiKeysDb;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ database, integrations: [apiKeysServer], env: { APIKEYS_INITIAL_CREDITS: "100000", UPSTREAM_TIMEOUT_MS: "400" } });
    sim = t.contexts.get("api-keys")!.simulator!.control as ApiKeysSimulatorControl;
    sim.arrivalMs = 0;
    sim.processingMs = -1;
    db = tables(t.db);
    admin = await t.login("admin");
  });
  afterAll(() => t.close());
  beforeEach(() => sim.set("ok"));

  const sync = async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: admin }, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { ok: boolean; tasks: number; deducted: number };
  };
  const credits = async () => ((await t.app.inject({ url: "/api/api-keys/credits", headers: { cookie: admin } })).json() as Envelope<CreditBalance[]>).data;
  const balanceOf = async (user: string) => (await credits()).find((u) => u.user_id === user)!;
  const count = async (table: "api_keys_tasks" | "api_keys_credit_ledger") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("stores every task once and deducts each completed one once, however often it syncs", async () => {
    const first = await sync();
    const expected = sim.tasks.filter((x) => x.status === "completed").reduce((s, x) => s + (x.email_count ?? 1), 0);
    expect(first.deducted).toBe(expected);
    const tasks = await count("api_keys_tasks");
    const ledger = await count("api_keys_credit_ledger");
    expect(tasks).toBe(sim.tasks.length);

    const again = await sync();
    expect(again.deducted).toBe(0);
    expect([await count("api_keys_tasks"), await count("api_keys_credit_ledger")]).toEqual([tasks, ledger]);
    const state = await t.app.inject({ url: "/api/api-keys/sync", headers: { cookie: admin } });
    expect(state.json().data.keys.every((k: { ok: boolean }) => k.ok)).toBe(true);
  });

  it("deducts a task when it completes, not while it is processing, and once even when two syncs race", async () => {
    const before = (await balanceOf("usr_grace")).balance;
    const task = sim.addTask({ api_key_id: "key_grace_0", type: "batch", email_count: 120 });
    await sync();
    expect((await balanceOf("usr_grace")).balance).toBe(before);
    const stored = await db.selectFrom("api_keys_tasks").select(["status", "purpose"]).where("id", "=", task.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "processing", purpose: "Zapier" });

    sim.complete(task.id);
    await Promise.all([sync(), sync(), sync()]);
    expect((await balanceOf("usr_grace")).balance).toBe(before - 120);
    const rows = await db.selectFrom("api_keys_credit_ledger").selectAll().where("task_id", "=", task.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "deduction", amount: 120, applied: 120, shortfall: 0, balance_after: before - 120 });
  });

  it("the database itself refuses a second deduction of a task", async () => {
    const row = await db.selectFrom("api_keys_credit_ledger").selectAll().where("kind", "=", "deduction").limit(1).executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(db.insertInto("api_keys_credit_ledger").values(copy).execute()).rejects.toThrow(/unique|UNIQUE/);
  });

  it("never takes a balance below zero, records the shortfall and shows it", async () => {
    const { balance } = await balanceOf("usr_linus");
    const big = sim.addTask({
      api_key_id: "key_linus_1",
      type: "batch",
      email_count: balance + 75,
      status: "completed",
      completed_at: new Date().toISOString(),
    });
    const single = sim.addTask({ api_key_id: "key_linus_1", type: "verify", email_count: null, status: "completed", completed_at: new Date().toISOString() });
    await sync();
    expect(await balanceOf("usr_linus")).toMatchObject({ balance: 0, shortfall: 76 });
    const ledger = (
      (await t.app.inject({ url: "/api/api-keys/credits/ledger?user_id=usr_linus&limit=2", headers: { cookie: admin } })).json() as Envelope<LedgerPage>
    ).data;
    // Newest first.
    expect(ledger.entries.map((e) => [e.task_id, e.amount, e.applied, e.shortfall, e.balance_after])).toEqual([
      [single.id, 1, 0, 1, 0],
      [big.id, balance + 75, balance, 75, 0],
    ]);
    expect(ledger.total).toBeGreaterThan(2);
    await expect(db.updateTable("user_credits").set({ balance: -1 }).where("user_id", "=", "usr_linus").execute()).rejects.toThrow();
  });

  it("puts every grant and deduction in the ledger: the balances are what it adds up to", async () => {
    const entries = await db.selectFrom("api_keys_credit_ledger").selectAll().execute();
    for (const user of await credits()) {
      const mine = entries.filter((e) => e.user_id === user.user_id);
      const granted = mine.filter((e) => e.kind === "grant").reduce((s, e) => s + Number(e.applied), 0);
      const taken = mine.filter((e) => e.kind === "deduction").reduce((s, e) => s + Number(e.applied), 0);
      expect(user.balance).toBe(granted - taken);
    }
  });

  it("records a failed sync per key with its reason and keeps what was stored", async () => {
    const tasks = await count("api_keys_tasks");
    sim.set("error500");
    const res = await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: admin }, payload: {} });
    expect(res.statusCode).toBe(502);
    const state = (await t.app.inject({ url: "/api/api-keys/sync", headers: { cookie: admin } })).json().data;
    expect(state.lastRun).toMatchObject({ ok: false, error: "The email-verification API answered with an error (500). Try again." });
    expect(state.lastOkAt).not.toBeNull();
    expect(await count("api_keys_tasks")).toBe(tasks);
    const usage = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: admin } });
    expect(usage.json().integrations[0]).toMatchObject({ id: "api-keys", status: "active", stale: true, fetchedAt: state.lastOkAt });
    expect(usage.json().integrations[0].message).toBe("The email-verification API answered with an error (500). Try again. Showing the last synced figures.");
  });
});
