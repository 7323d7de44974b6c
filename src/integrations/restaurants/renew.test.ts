import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import { BFF, type RenewalsResponse, type UsageListResponse } from "./api";
import { RENEW_ACTION } from "./renew";
import type { RestaurantsSimulatorControl } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

const RENEW_ROUTE = "POST /api/admin/usage/:restaurantId/renew";
let keyNo = 0;
const newKey = () => `test-key-${Date.now()}-${++keyNo}`;

describe.each(TEST_DATABASES)("renewing an allowance through the server (%s)", (database) => {
  let t: TestApp;
  let sim: RestaurantsSimulatorControl;
  let support: string;

  beforeAll(async () => {
    // 50 concurrent renewals and the rest: more writes than the per-user limit lets through a minute (its own test is in tests/server/edge).
    t = await startTestApp({ database, env: { UPSTREAM_TIMEOUT_MS: "500", UPSTREAM_CACHE_TTL_S: "300", WRITE_RATE_PER_MINUTE: "10000" } });
    sim = t.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
    support = await t.login("support");
  });
  afterAll(() => t.close());
  beforeEach(() => {
    sim.reset();
    sim.seed();
  });

  const renew = async (id: string, payload: unknown, options: { key?: string | null; cookie?: string } = {}) =>
    t.app.inject({
      method: "POST",
      url: `/api${BFF.renew(id)}`,
      payload: payload as object,
      headers: { cookie: options.cookie ?? support, ...(options.key === null ? {} : { "idempotency-key": options.key ?? newKey() }) },
    });
  const audits = () => t.db.selectFrom("audit_log").selectAll().where("action", "=", RENEW_ACTION).orderBy("id", "desc").execute();

  it("renews, answers the new figures and shows them in the list without waiting for the cache", async () => {
    const id = SIM_RESTAURANTS.nearQuota.id;
    const before = (await t.app.inject({ url: `/api${BFF.list}?limit=100`, headers: { cookie: support } })).json() as UsageListResponse;
    expect(before.data.data.find((r) => r.restaurantId === id)).toMatchObject({ isNearingQuota: true, adjustedBy: 0 });
    const countBefore = (await t.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie: support } })).json().data.count;

    const res = await renew(id, { amount: 1000, reason: "Monthly renewal" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      success: true,
      data: { restaurantId: id, used: 930, limit: 1000, effectiveLimit: 2000, adjustedBy: 1000, remaining: 1070, usagePercent: 46.5, isNearingQuota: false },
    });

    const after = (await t.app.inject({ url: `/api${BFF.list}?limit=100`, headers: { cookie: support } })).json() as UsageListResponse;
    expect(after.data.data.find((r) => r.restaurantId === id)).toMatchObject({
      isNearingQuota: false,
      adjustedBy: 1000,
      allowance: { monthlyLimit: 2000, monthlyRemaining: 1070 },
    });
    expect((await t.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie: support } })).json().data.count).toBe(countBefore - 1);
    expect((await t.app.inject({ url: `/api${BFF.detail(id)}`, headers: { cookie: support } })).json().data).toMatchObject({ adjustedBy: 1000 });
  });

  it("does not keep figures the upstream sent before a renewal that ended while they were on the wire", async () => {
    const id = SIM_RESTAURANTS.nearQuota.id;
    sim.answerDelayMs = 300;
    const reading = t.app.inject({ url: `/api${BFF.list}?limit=100&refresh=1`, headers: { cookie: support } });
    await new Promise((r) => setTimeout(r, 100));
    sim.answerDelayMs = 0;
    expect((await renew(id, { amount: 1000, reason: "during a read" })).statusCode).toBe(200);
    await t.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie: support } }); // another read sees the renewal first
    const before = (await reading).json() as UsageListResponse;
    expect(before.data.data.find((r) => r.restaurantId === id)?.adjustedBy).toBe(0);
    const after = (await t.app.inject({ url: `/api${BFF.list}?limit=100`, headers: { cookie: support } })).json() as UsageListResponse;
    expect(after.data.data.find((r) => r.restaurantId === id)?.adjustedBy).toBe(1000);
  });

  it("uses 1000 when no amount is given", async () => {
    const res = await renew(SIM_RESTAURANTS.owner.id, { reason: "default" });
    expect(res.json().data).toMatchObject({ adjustedBy: 1000, effectiveLimit: 2000 });
  });

  it.each([
    [{ amount: 0, reason: "x" }, "amount"],
    [{ amount: 100_001, reason: "x" }, "amount"],
    [{ amount: 1.5, reason: "x" }, "amount"],
    [{ amount: "1000", reason: "x" }, "amount"],
    [{ amount: 1000 }, "reason"],
    [{ amount: 1000, reason: "   " }, "reason"],
    [{ amount: 1000, reason: "x".repeat(501) }, "reason"],
  ])("refuses %j with 422 naming %s, without calling the upstream", async (payload, field) => {
    const res = await renew(SIM_RESTAURANTS.owner.id, payload);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe(field);
    expect(res.json().error.message).toMatch(new RegExp(`^${field}: `));
    expect(sim.count(RENEW_ROUTE)).toBe(0);
  });

  it("requires an Idempotency-Key", async () => {
    const res = await renew(SIM_RESTAURANTS.owner.id, { amount: 10, reason: "no key" }, { key: null });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe("idempotency-key");
    expect(sim.count(RENEW_ROUTE)).toBe(0);
  });

  it("runs 50 concurrent identical requests once: 1 upstream call, 1 audit entry, 50 identical answers", async () => {
    const before = (await audits()).length;
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 50 }, () => renew(SIM_RESTAURANTS.owner.id, { amount: 1000, reason: "burst" }, { key })));
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers["idempotent-replayed"] === "true")).toHaveLength(49);
    expect(sim.count(RENEW_ROUTE)).toBe(1);
    // The read of adjustedBy before the renewal (for a crash check) is shared by the burst too.
    expect(sim.count("GET /api/usage/:restaurantId")).toBe(1);
    expect((await audits()).length - before).toBe(1);
    expect(answers[0].json().data.adjustedBy).toBe(1000);
  });

  it("replays the first answer for a later retry, and refuses the key with another body", async () => {
    const key = newKey();
    const first = await renew(SIM_RESTAURANTS.owner.id, { amount: 500, reason: "retry" }, { key });
    const again = await renew(SIM_RESTAURANTS.owner.id, { amount: 500, reason: "retry" }, { key });
    expect(again.body).toBe(first.body);
    expect(sim.count(RENEW_ROUTE)).toBe(1);
    const other = await renew(SIM_RESTAURANTS.owner.id, { amount: 700, reason: "retry" }, { key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_reused");
    expect(sim.count(RENEW_ROUTE)).toBe(1);
  });

  it("audits who, restaurant, amount, reason and outcome of every attempt", async () => {
    await renew(SIM_RESTAURANTS.nearQuota.id, { amount: 250, reason: "Busy weekend" });
    await renew(SIM_RESTAURANTS.nearQuota.id, { amount: 0, reason: "Bad amount" });
    const [refused, done] = await audits();
    expect(done).toMatchObject({ actor_email: "support@example.com", target: SIM_RESTAURANTS.nearQuota.id, reason: "Busy weekend", outcome: "success" });
    expect(JSON.parse(done.details!)).toMatchObject({ amount: 250, effectiveLimit: 1250 });
    expect(refused).toMatchObject({ outcome: "failure", reason: "Bad amount" });
    expect(JSON.parse(refused.details!)).toMatchObject({ amount: 0, error: "validation_failed" });

    const list = (
      await t.app.inject({ url: `/api${BFF.renewals(SIM_RESTAURANTS.nearQuota.id)}`, headers: { cookie: await t.login("viewer") } })
    ).json() as RenewalsResponse;
    expect(list.data.slice(0, 2)).toMatchObject([
      { outcome: "failure", amount: 0, reason: "Bad amount", actorEmail: "support@example.com" },
      { outcome: "success", amount: 250, reason: "Busy weekend", effectiveLimit: 1250 },
    ]);
  });

  it("lets support renew and refuses a viewer (403) and an owner (403)", async () => {
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 1, reason: "viewer" }, { cookie: await t.login("viewer") })).statusCode).toBe(403);
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 1, reason: "owner" }, { cookie: await t.login("owner") })).statusCode).toBe(403);
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 1, reason: "support" })).statusCode).toBe(200);
    expect(sim.count(RENEW_ROUTE)).toBe(1);
  });

  it("audits a renewal refused for its restaurant id", async () => {
    const res = await renew("bad id!", { amount: 10, reason: "typo" });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe("restaurantId");
    expect((await audits())[0]).toMatchObject({ target: "bad id!", outcome: "failure", reason: "typo" });
  });

  it("answers 404 in words for an unknown restaurant, and audits it", async () => {
    const res = await renew("cm0doesnotexist", { amount: 1000, reason: "who?" });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe("Restaurant cm0doesnotexist was not found.");
    expect((await audits())[0]).toMatchObject({ target: "cm0doesnotexist", outcome: "failure" });
  });

  it("says the outcome is unknown when the upstream fails, and replays that answer for the key", async () => {
    const key = newKey();
    sim.renewFails = true;
    const failed = await renew(SIM_RESTAURANTS.owner.id, { amount: 1000, reason: "flaky" }, { key });
    sim.renewFails = false;
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.message).toMatch(/may or may not have been applied/);
    expect(failed.body).not.toMatch(/Internal server error/);
    const calls = sim.count(RENEW_ROUTE);
    // The upstream may have applied it: the same key never renews a second time.
    const replayed = await renew(SIM_RESTAURANTS.owner.id, { amount: 1000, reason: "flaky" }, { key });
    expect(replayed.statusCode).toBe(502);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
    expect(sim.count(RENEW_ROUTE)).toBe(calls);
    // A new renewal the user means (a new key) goes through.
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 1000, reason: "flaky" }, { key: newKey() })).statusCode).toBe(200);
  });

  it("lets the same key try again after a 429, when the upstream certainly did nothing", async () => {
    const key = newKey();
    sim.set("rate_limited");
    const limited = await renew(SIM_RESTAURANTS.owner.id, { amount: 10, reason: "busy" }, { key });
    sim.set("ok");
    expect(limited.statusCode).toBe(429);
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 10, reason: "busy" }, { key })).statusCode).toBe(200);
  });
});
