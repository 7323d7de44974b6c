import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertsSchema, renewResponseSchema, restaurantDetailSchema, restaurantUsageSchema, usageListSchema } from "./contract";
import { type RestaurantsSimulatorControl, SIMULATOR_BOT_API_KEY, SIMULATOR_DASHBOARD_PAT, startRestaurantsSimulator } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

// The spec's literal examples (specs/restaurant-usage.api.md), as written there.
const record = {
  restaurantId: "cuid123",
  restaurantName: "Example Restaurant",
  conversationsThisMonth: 45,
  lastConversationAt: "2025-10-20T15:30:00.000Z",
  allowance: { dailyLimit: 1000, dailyRemaining: 1000, monthlyLimit: 2000, monthlyRemaining: 1955 },
  adjustedBy: 1000,
  usagePercent: 2.25,
  isNearingQuota: false,
  firstActivity: "2025-09-01T08:00:00.000Z",
  lastActivity: "2025-10-20T15:30:00.000Z",
  isActive: true,
};
const SPEC = {
  renew: { success: true, data: { used: 45, limit: 1000, effectiveLimit: 2000, adjustedBy: 1000, remaining: 1955, usagePercent: 2.25, isNearingQuota: false } },
  list: { data: [record], pagination: { total: 150, limit: 20, offset: 0, hasMore: true } },
  single: record,
  detail: {
    ...record,
    history: [
      { month: 10, year: 2025, conversationCount: 45, lastConversationAt: "2025-10-20T15:30:00.000Z" },
      { month: 9, year: 2025, conversationCount: 123, lastConversationAt: "2025-09-30T23:45:00.000Z" },
    ],
  },
  alerts: {
    data: [
      { restaurantId: "cuid999", restaurantName: "High Usage", used: 910, limit: 1000, remaining: 90, usagePercent: 91.0, isNearingQuota: true, adjustedBy: 0 },
    ],
    pagination: { total: 150, limit: 50, offset: 0, hasMore: true },
    threshold: 0.9,
  },
};

describe("restaurant usage contract", () => {
  it("parses every example of the spec", () => {
    expect(renewResponseSchema.parse(SPEC.renew).data.effectiveLimit).toBe(2000);
    expect(usageListSchema.parse(SPEC.list).pagination.total).toBe(150);
    expect(restaurantUsageSchema.parse(SPEC.single).allowance.monthlyRemaining).toBe(1955);
    expect(restaurantDetailSchema.parse(SPEC.detail).history).toHaveLength(2);
    expect(alertsSchema.parse(SPEC.alerts).data[0].usagePercent).toBe(91);
  });

  it("accepts an unlimited plan: limit -1 and no usagePercent", () => {
    const unlimited = {
      ...record,
      allowance: { dailyLimit: -1, dailyRemaining: -1, monthlyLimit: -1, monthlyRemaining: -1 },
      adjustedBy: 0,
      isNearingQuota: false,
    };
    delete (unlimited as Partial<typeof record>).usagePercent;
    expect(restaurantUsageSchema.parse(unlimited).usagePercent).toBeUndefined();
    expect(
      renewResponseSchema.parse({ success: true, data: { used: 0, limit: -1, remaining: -1, isNearingQuota: false } }).data.effectiveLimit,
    ).toBeUndefined();
  });

  it("refuses what the console could not show", () => {
    expect(restaurantUsageSchema.safeParse({ ...record, allowance: undefined }).success).toBe(false);
    expect(usageListSchema.safeParse({ data: [record] }).success).toBe(false);
    expect(renewResponseSchema.safeParse({ success: false, error: "x" }).success).toBe(false);
  });
});

describe("restaurants simulator", () => {
  let sim: Awaited<ReturnType<typeof startRestaurantsSimulator>>;
  let control: RestaurantsSimulatorControl;
  const admin = { "x-api-key": SIMULATOR_BOT_API_KEY };
  const get = async (path: string, headers: Record<string, string> = admin) => {
    const res = await fetch(new URL(path, sim.url), { headers });
    return { status: res.status, body: (await res.json()) as any };
  };
  const renew = (id: string, body: unknown, headers: Record<string, string> = admin) =>
    fetch(new URL(`/api/admin/usage/${id}/renew`, sim.url), {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sim = await startRestaurantsSimulator();
    control = sim.control;
  });
  afterAll(() => sim.close());

  it("answers every endpoint in the contract's shapes", async () => {
    const list = await get("/api/usage?limit=100");
    expect(usageListSchema.parse(list.body).data.length).toBeGreaterThan(40);
    expect(list.body.pagination).toMatchObject({ limit: 100, offset: 0, hasMore: false });
    expect(restaurantDetailSchema.parse((await get(`/api/usage/${SIM_RESTAURANTS.owner.id}`)).body).history).toHaveLength(6);
    expect(alertsSchema.parse((await get("/api/usage/alerts")).body).threshold).toBe(0.9);
    const single = await get("/api/usage", { authorization: `Bearer ${SIMULATOR_DASHBOARD_PAT}`, "x-restaurant-id": SIM_RESTAURANTS.owner.id });
    expect(restaurantUsageSchema.parse(single.body).restaurantId).toBe(SIM_RESTAURANTS.owner.id);
    expect(renewResponseSchema.parse(await (await renew(SIM_RESTAURANTS.owner.id, { amount: 5, reason: "test" })).json()).success).toBe(true);
  });

  it("holds near-quota, over-100 %, unlimited and inactive restaurants", async () => {
    const { body } = await get("/api/usage?limit=100");
    const byId = new Map<string, any>(body.data.map((r: any) => [r.restaurantId, r]));
    expect(byId.get(SIM_RESTAURANTS.nearQuota.id)).toMatchObject({ isNearingQuota: true, usagePercent: 93 });
    expect(byId.get(SIM_RESTAURANTS.overQuota.id)).toMatchObject({
      conversationsThisMonth: 1130,
      usagePercent: 100,
      allowance: { monthlyLimit: 1000, monthlyRemaining: 0 },
    });
    const unlimited = byId.get(SIM_RESTAURANTS.unlimited.id);
    expect(unlimited).toMatchObject({ isNearingQuota: false, allowance: { monthlyLimit: -1 } });
    expect(unlimited).not.toHaveProperty("usagePercent");
    // The admin list holds active restaurants only; an inactive one is still found by its id.
    expect(byId.has(SIM_RESTAURANTS.inactive.id)).toBe(false);
    expect((await get(`/api/usage/${SIM_RESTAURANTS.inactive.id}`)).body.isActive).toBe(false);
  });

  it("adds each renewal to adjustedBy and to the effective limit", async () => {
    const id = SIM_RESTAURANTS.nearQuota.id;
    const first = (await (await renew(id, { amount: 1000, reason: "one" })).json()) as any;
    expect(first.data).toMatchObject({
      used: 930,
      limit: 1000,
      effectiveLimit: 2000,
      adjustedBy: 1000,
      remaining: 1070,
      isNearingQuota: false,
      usagePercent: 46.5,
    });
    const second = (await (await renew(id, { reason: "default amount" })).json()) as any;
    expect(second.data).toMatchObject({ effectiveLimit: 3000, adjustedBy: 2000 });
    expect((await get(`/api/usage/${id}`)).body).toMatchObject({ adjustedBy: 2000, allowance: { monthlyLimit: 3000 } });
  });

  it("lists alerts by threshold and bounds pages at 100 and 200", async () => {
    const at90 = (await get("/api/usage/alerts?threshold=0.9&limit=200")).body;
    expect(at90.data.every((a: any) => a.usagePercent >= 90)).toBe(true);
    const at50 = (await get("/api/usage/alerts?threshold=0.5&limit=500")).body;
    expect(at50.pagination.total).toBeGreaterThan(at90.pagination.total);
    expect(at50.pagination.limit).toBe(200);
    expect((await get("/api/usage?limit=1000")).body.pagination.limit).toBe(100);
  });

  it("answers 401 without the key, 400 for a PAT call without X-Restaurant-Id, 404 for an unknown restaurant", async () => {
    expect((await get("/api/usage", {})).status).toBe(401);
    expect((await get("/api/usage", { "x-api-key": "wrong" })).status).toBe(401);
    expect((await get("/api/usage/alerts", { authorization: `Bearer ${SIMULATOR_DASHBOARD_PAT}` })).status).toBe(401);
    expect((await get("/api/usage", { authorization: `Bearer ${SIMULATOR_DASHBOARD_PAT}` })).status).toBe(400);
    expect((await get("/api/usage", { authorization: `Bearer ${SIMULATOR_DASHBOARD_PAT}`, "x-restaurant-id": "nope" })).status).toBe(404);
    expect((await get("/api/usage/nope")).status).toBe(404);
    expect((await renew("nope", { amount: 1 })).status).toBe(404);
    expect((await renew(SIM_RESTAURANTS.owner.id, { amount: 1 }, {})).status).toBe(401);
  });

  it("can be seeded with 10,000 restaurants", async () => {
    control.seed(10_000);
    try {
      const total = (await get("/api/usage?limit=1")).body.pagination.total;
      expect(total).toBeGreaterThan(9000);
      const last = (await get(`/api/usage?limit=100&offset=${total - 30}`)).body;
      expect(last.data).toHaveLength(30);
      expect(last.pagination.hasMore).toBe(false);
    } finally {
      control.seed();
    }
  });
});
