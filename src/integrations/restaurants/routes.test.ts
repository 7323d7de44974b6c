import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { IntegrationsUsageResponse } from "../usage";
import { type AlertsResponse, BFF, type DetailResponse, type OwnResponse, type UsageListResponse } from "./api";
import { type RestaurantsSimulatorControl, SIMULATOR_BOT_API_KEY, SIMULATOR_DASHBOARD_PAT } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

describe.each(TEST_DATABASES)("restaurant reads through the server (%s)", (database) => {
  let t: TestApp;
  let sim: RestaurantsSimulatorControl;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ database, env: { UPSTREAM_TIMEOUT_MS: "300", UPSTREAM_CACHE_TTL_S: "300" } });
    sim = t.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
    viewer = await t.login("viewer");
  });
  afterAll(() => t.close());
  beforeEach(() => {
    sim.reset();
    sim.seed();
  });

  const get = (url: string, cookie = viewer) => t.app.inject({ url, headers: { cookie } });

  it("pages the restaurants with the upstream's limit and offset", async () => {
    const first = (await get(`/api${BFF.list}?limit=5&offset=0&refresh=1`)).json() as UsageListResponse;
    const second = (await get(`/api${BFF.list}?limit=5&offset=5&refresh=1`)).json() as UsageListResponse;
    expect(first.data.data).toHaveLength(5);
    expect(first.data.pagination).toMatchObject({ limit: 5, offset: 0, hasMore: true });
    expect(first.data.pagination.total).toBe(sim.active.length);
    expect(second.data.data[0].restaurantId).not.toBe(first.data.data[0].restaurantId);
    expect(first.meta).toMatchObject({ stale: false, demo: true });
  });

  it.each([
    [`/api${BFF.list}?limit=101`, "limit"],
    [`/api${BFF.list}?limit=0`, "limit"],
    [`/api${BFF.list}?offset=-1`, "offset"],
    [`/api${BFF.list}?limit=ten`, "limit"],
    [`/api${BFF.alerts}?threshold=1.5`, "threshold"],
    [`/api${BFF.alerts}?limit=201`, "limit"],
    [`/api${BFF.alertsCount}?threshold=-1`, "threshold"],
    [`/api${BFF.detail("not an id!")}`, "restaurantId"],
    [`/api${BFF.list}?refresh=yes`, "refresh"],
  ])("answers 422 naming the field for %s", async (url, field) => {
    const res = await get(url);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].field).toBe(field);
  });

  it("lists alerts at a threshold, 90 % by default", async () => {
    const at90 = (await get(`/api${BFF.alerts}`)).json() as AlertsResponse;
    expect(at90.data.threshold).toBe(0.9);
    expect(at90.data.data.map((a) => a.restaurantId)).toContain(SIM_RESTAURANTS.nearQuota.id);
    expect(at90.data.data.every((a) => a.usagePercent >= 90)).toBe(true);
    const at50 = (await get(`/api${BFF.alerts}?threshold=0.5&limit=200`)).json() as AlertsResponse;
    expect(at50.data.pagination.total).toBeGreaterThan(at90.data.pagination.total);
  });

  it("counts near-quota restaurants for 200 badges at once with one upstream call", async () => {
    const cookies = [viewer, await t.login("support"), await t.login("admin")];
    // The count shares the alerts' one cached read: an earlier test may have made it already.
    const before = sim.count("GET /api/usage/alerts");
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => get(`/api${BFF.alertsCount}`, cookies[i % 3])));
    expect(new Set(answers.map((a) => a.json().data.count)).size).toBe(1);
    expect(answers[0].json()).toMatchObject({ data: { count: sim.alerting(0.9).length, threshold: 0.9 }, meta: { stale: false, demo: true } });
    const calls = sim.count("GET /api/usage/alerts");
    expect(calls - before).toBeLessThanOrEqual(1);
    // And again later within the window: still no second call.
    await get(`/api${BFF.alertsCount}`);
    expect(sim.count("GET /api/usage/alerts")).toBe(calls);
  });

  it("serves 100 different thresholds, with their counts, from one upstream read of each page", async () => {
    sim.seed(450); // three pages of 200 at most
    await get(`/api${BFF.alerts}?refresh=1`);
    // The badge's default threshold is counted by the upstream itself (one call a minute).
    await get(`/api${BFF.alertsCount}?refresh=1`);
    sim.reset();
    const thresholds = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    const pages = await Promise.all(thresholds.map((th, i) => get(`/api${BFF.alerts}?threshold=${th}&limit=${(i % 50) + 1}&offset=${i % 7}`)));
    const counts = await Promise.all(thresholds.map((th) => get(`/api${BFF.alertsCount}?threshold=${th}`)));
    expect(sim.count("GET /api/usage/alerts")).toBe(0);
    thresholds.forEach((th, i) => {
      const expected = sim.alerting(th);
      const body = (pages[i].json() as AlertsResponse).data;
      expect(body).toMatchObject({ threshold: th, pagination: { total: expected.length, limit: (i % 50) + 1, offset: i % 7 } });
      expect(body.data.map((a) => a.restaurantId)).toEqual(expected.slice(i % 7, (i % 7) + (i % 50) + 1).map((r) => r.id));
      expect(counts[i].json().data).toEqual({ count: expected.length, threshold: th });
    });
    // A refresh reads each page once more, whatever the threshold.
    await Promise.all(thresholds.slice(0, 10).map((th) => get(`/api${BFF.alerts}?threshold=${th}&refresh=1`)));
    expect(sim.count("GET /api/usage/alerts")).toBeLessThanOrEqual(3);
    sim.seed();
  });

  it("shows a restaurant with its 6-month history, and says so in words when it does not exist", async () => {
    const detail = (await get(`/api${BFF.detail(SIM_RESTAURANTS.overQuota.id)}`)).json() as DetailResponse;
    expect(detail.data).toMatchObject({ restaurantName: SIM_RESTAURANTS.overQuota.name, conversationsThisMonth: 1130, usagePercent: 100 });
    expect(detail.data.history).toHaveLength(6);
    expect(detail.meta).toMatchObject({ stale: false, demo: true });
    const missing = await get(`/api${BFF.detail("cm0nosuchrestaurant")}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe("Restaurant cm0nosuchrestaurant was not found.");
  });

  it("serves the cache until ?refresh=1 asks the upstream again", async () => {
    const id = SIM_RESTAURANTS.owner.id;
    await get(`/api${BFF.detail(id)}`);
    sim.addConversations(id, 10);
    expect(((await get(`/api${BFF.detail(id)}`)).json() as DetailResponse).data.conversationsThisMonth).toBe(640);
    expect(((await get(`/api${BFF.detail(id)}?refresh=1`)).json() as DetailResponse).data.conversationsThisMonth).toBe(650);
  });

  it("serves the last good list, marked stale with a reason, when the upstream is down", async () => {
    await get(`/api${BFF.list}?limit=3&refresh=1`);
    sim.set("down");
    const res = await get(`/api${BFF.list}?limit=3&refresh=1`);
    sim.set("ok");
    const body = res.json() as UsageListResponse;
    expect(res.statusCode).toBe(200);
    expect(body.data.data).toHaveLength(3);
    expect(body.meta.stale).toBe(true);
    expect(body.meta.message).toMatch(/could not be reached.*last known figures/);
  });

  it("answers 502 in words, without the upstream's body, when it fails with nothing cached", async () => {
    sim.set("error500");
    const res = await get(`/api${BFF.detail(SIM_RESTAURANTS.inactive.id)}?refresh=1`);
    sim.set("ok");
    expect(res.statusCode).toBe(502);
    expect(res.json().error.message).toMatch(/answered with an error \(500\)/);
    expect(res.body).not.toMatch(/Internal server error/);
  });

  it("gives an owner their own restaurant only: the id comes from the session", async () => {
    const owner = await t.login("owner");
    const own = (await get(`/api${BFF.own}?restaurantId=${SIM_RESTAURANTS.nearQuota.id}`, owner)).json() as OwnResponse;
    expect(own.data.restaurantId).toBe(SIM_RESTAURANTS.owner.id);
    expect(own.data.history).toHaveLength(6);
    expect(own.meta).toMatchObject({ stale: false, demo: true });
    expect(sim.count("GET /api/usage")).toBe(1); // the PAT call
    expect((await get(`/api${BFF.list}`, owner)).statusCode).toBe(403);
    expect((await get(`/api${BFF.detail(SIM_RESTAURANTS.nearQuota.id)}`, owner)).statusCode).toBe(403);
    expect((await get(`/api${BFF.alertsCount}`, owner)).statusCode).toBe(403);
    expect((await get(`/api${BFF.own}`)).statusCode).toBe(403);
    const admin = await get(`/api${BFF.own}`, await t.login("admin"));
    expect(admin.statusCode).toBe(404);
    expect(admin.json().error.message).toBe("Your account is not linked to a restaurant.");
  });

  it("refuses the editor and anyone signed out", async () => {
    expect((await get(`/api${BFF.list}`, await t.login("editor"))).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api${BFF.list}` })).statusCode).toBe(401);
  });

  it("counts near-quota restaurants on the Integrations overview", async () => {
    const res = await get("/api/integrations/usage?refresh=1");
    const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "restaurants")!;
    expect(card).toMatchObject({ status: "active", demo: true, details: { nearQuota: sim.alerting(0.9).length, restaurants: sim.active.length } });
  });

  it("never sends or logs the upstream's credentials", async () => {
    const bodies = await Promise.all(
      [`/api${BFF.list}`, `/api${BFF.alerts}`, `/api${BFF.alertsCount}`, `/api${BFF.detail(SIM_RESTAURANTS.owner.id)}`].map((u) => get(u)),
    );
    bodies.push(await get(`/api${BFF.own}`, await t.login("owner")));
    for (const text of [...bodies.map((b) => b.body), ...t.logs]) {
      expect(text).not.toContain(SIMULATOR_BOT_API_KEY);
      expect(text).not.toContain(SIMULATOR_DASHBOARD_PAT);
    }
  });
});

describe("restaurants not configured", () => {
  it("answers 503 naming what to set when the base URL is set and BOT_API_KEY is not", async () => {
    const t = await startTestApp({ env: { RESTAURANT_API_BASE_URL: "http://127.0.0.1:9/" } });
    try {
      const cookie = await t.login("admin");
      const res = await t.app.inject({ url: `/api${BFF.list}`, headers: { cookie } });
      expect(res.statusCode).toBe(503);
      const overview = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie } });
      const card = (overview.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "restaurants")!;
      expect(card).toMatchObject({ status: "not_configured", demo: false });
      expect(card.message).toMatch(/BOT_API_KEY/);
    } finally {
      await t.close();
    }
  });
});
