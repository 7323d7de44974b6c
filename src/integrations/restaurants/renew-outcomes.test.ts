import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import { UpstreamError } from "../../server/upstream/http";
import { BFF, type RenewalsResponse } from "./api";
import { RESTAURANTS, type RestaurantsContext, restaurantsClient } from "./reads";
import { OUTCOME_UNKNOWN } from "./reconcile";
import { SIMULATOR_BOT_API_KEY, startRestaurantsSimulator } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

let keyNo = 0;
const newKey = () => `outcome-key-${Date.now()}-${++keyNo}`;

/** What a renewal says when it cannot say it was applied: never sent, or sent without an answer (then a person resolves it). */
describe.each(TEST_DATABASES)("renewal outcomes (%s)", (database) => {
  let t: TestApp;
  let sim: Awaited<ReturnType<typeof startRestaurantsSimulator>>;
  let support: string;

  beforeAll(async () => {
    sim = await startRestaurantsSimulator();
    t = await startTestApp({ database, env: { RESTAURANT_API_BASE_URL: sim.url, BOT_API_KEY: SIMULATOR_BOT_API_KEY, UPSTREAM_TIMEOUT_MS: "1000" } });
    support = await t.login("support");
  });
  afterAll(async () => {
    await t.close();
    await sim.close().catch(() => undefined);
  });

  const renew = (id: string, key: string, cookie = support) =>
    t.app.inject({ method: "POST", url: `/api${BFF.renew(id)}`, payload: { amount: 50, reason: "outcome test" }, headers: { cookie, "idempotency-key": key } });
  const resolve = async (id: string, key: string, applied: unknown, role: "admin" | "viewer" = "admin") =>
    t.app.inject({ method: "POST", url: `/api${BFF.resolve(id, key)}`, payload: { applied }, headers: { cookie: await t.login(role) } });
  const adjusted = (id: string) => [...sim.control.restaurants.get(id)!.adjustments.values()].reduce((a, b) => a + b, 0);

  it("keeps an unanswered renewal 'outcome unknown — check' until a person resolves it as applied", async () => {
    const id = SIM_RESTAURANTS.owner.id;
    const key = newKey();
    // Applied upstream, answered too late: the console cannot know.
    sim.control.renewDelays = () => ({ applyMs: 0, answerMs: 1_500 });
    const timedOut = await renew(id, key);
    sim.control.renewDelays = () => ({ applyMs: 0, answerMs: 0 });
    expect(timedOut.statusCode).toBe(504);
    expect(timedOut.json().error.message).toMatch(/may or may not have been applied/);
    const history = (await t.app.inject({ url: `/api${BFF.renewals(id)}`, headers: { cookie: support } })).json() as RenewalsResponse;
    expect(history.data[0]).toMatchObject({ outcome: "unknown", error: OUTCOME_UNKNOWN, amount: 50 });

    expect((await resolve(id, key, true, "viewer")).statusCode).toBe(403);
    expect((await resolve(id, key, "yes")).statusCode).toBe(422);
    const before = adjusted(id);
    const resolved = await resolve(id, key, true);
    expect(resolved.statusCode).toBe(200);
    // The key now answers the renewal as done, and never renews again.
    const replay = await renew(id, key);
    expect(replay.statusCode).toBe(200);
    expect(replay.json().data).toMatchObject({ restaurantId: id, adjustedBy: before });
    expect(adjusted(id)).toBe(before);
    const after = (await t.app.inject({ url: `/api${BFF.renewals(id)}`, headers: { cookie: support } })).json() as RenewalsResponse;
    expect(after.data[0]).toMatchObject({ outcome: "success", actorEmail: "admin@example.com" });
    expect((await resolve(id, key, true)).statusCode).toBe(404); // nothing left to resolve
  });

  it("lets the key renew after a person resolves it as not applied", async () => {
    const id = SIM_RESTAURANTS.nearQuota.id;
    const key = newKey();
    sim.control.renewFails = true;
    expect((await renew(id, key)).statusCode).toBe(502);
    sim.control.renewFails = false;
    expect((await renew(id, key)).statusCode).toBe(502); // replayed: it may have been applied
    const before = adjusted(id);
    expect((await resolve(id, key, false)).statusCode).toBe(200);
    expect((await renew(id, key)).statusCode).toBe(200);
    expect(adjusted(id)).toBe(before + 50);
  });

  it("never says 'may or may not' when the connection was refused: the renewal was not sent", async () => {
    const id = SIM_RESTAURANTS.toppedUp.id;
    const key = newKey();
    // The connection is refused (as fetch reports ECONNREFUSED): the request never left.
    const ctx = t.contexts.get("restaurants") as RestaurantsContext;
    const refused = new UpstreamError(RESTAURANTS, "network", `${RESTAURANTS} could not be reached.`, undefined, undefined, undefined, true);
    const spy = vi.spyOn(restaurantsClient(ctx), "renew").mockRejectedValueOnce(refused);
    const res = await renew(id, key);
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.json().error.message).not.toMatch(/may or may not/);
    expect(res.json().error.message).toMatch(/was not applied: try again/);
    spy.mockRestore();
    // Nothing was applied, so the same key may try again, and renews.
    expect((await renew(id, key)).statusCode).toBe(200);
    const history = (await t.app.inject({ url: `/api${BFF.renewals(id)}`, headers: { cookie: support } })).json() as RenewalsResponse;
    expect(history.data.slice(0, 2).map((r) => r.outcome)).toEqual(["success", "failure"]);
  });
});
