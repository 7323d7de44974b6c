import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../tests/helpers/app";
import { createDataProvider } from "../../client/data-provider";
import { toHttpError } from "../../client/http";
import type { RestaurantDetail, RestaurantUsage, UsageAlert } from "./contract";
import { RESOURCES, restaurantResources, thresholdFrom } from "./data-provider";
import type { RestaurantsSimulatorControl } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

// The data provider against the real server and simulator, through an axios client like the browser's.
describe("restaurants data provider", () => {
  let t: TestApp;
  let sim: RestaurantsSimulatorControl;
  let provider: ReturnType<typeof createDataProvider>;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPSTREAM_TIMEOUT_MS: "300" } });
    sim = t.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
    const base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    const client = axios.create({ baseURL: `${base}/api`, headers: { cookie: await t.login("viewer") } });
    client.interceptors.response.use(undefined, (e) => Promise.reject(toHttpError(e)));
    provider = createDataProvider(restaurantResources, client);
  });
  afterAll(() => t.close());

  it("maps Refine's page 3 of 7 to limit 7, offset 14, and the total from pagination.total", async () => {
    const page = await provider.getList<RestaurantUsage>({ resource: RESOURCES.list, pagination: { currentPage: 3, pageSize: 7 } });
    expect(page.total).toBe(sim.active.length);
    expect(page.data.map((r) => r.restaurantId)).toEqual(sim.active.slice(14, 21).map((r) => r.id));
    expect(page.meta).toMatchObject({ stale: false, demo: true });
  });

  it("lists alerts at the threshold given in percent", async () => {
    const at50 = await provider.getList<UsageAlert>({
      resource: RESOURCES.alerts,
      pagination: { currentPage: 1, pageSize: 200 },
      filters: [{ field: "threshold", operator: "eq", value: 50 }],
    });
    expect(at50.total).toBe(sim.alerting(0.5).length);
    expect(at50.data.every((a) => a.usagePercent >= 50)).toBe(true);
    const byDefault = await provider.getList<UsageAlert>({ resource: RESOURCES.alerts });
    expect(byDefault.total).toBe(sim.alerting(0.9).length);
  });

  it("gets one restaurant with its history", async () => {
    const one = await provider.getOne<RestaurantDetail>({ resource: RESOURCES.list, id: SIM_RESTAURANTS.unlimited.id });
    expect(one.data).toMatchObject({ restaurantName: SIM_RESTAURANTS.unlimited.name, allowance: { monthlyLimit: -1 } });
    expect(one.data.history.length).toBe(6);
  });

  it("fails as a Refine HttpError with the server's words", async () => {
    await expect(provider.getOne({ resource: RESOURCES.list, id: "cm0missing" })).rejects.toMatchObject({
      statusCode: 404,
      message: "Restaurant cm0missing was not found.",
    });
    await expect(provider.getList({ resource: RESOURCES.list, pagination: { currentPage: -4, pageSize: 500 } })).resolves.toMatchObject({
      total: sim.active.length,
    });
    sim.set("error500");
    try {
      // A restaurant not read before: nothing cached to fall back on (alerts of any threshold share one cached read).
      await expect(provider.getOne({ resource: RESOURCES.list, id: SIM_RESTAURANTS.inactive.id })).rejects.toMatchObject({
        statusCode: 502,
        message: expect.stringMatching(/answered with an error/),
      });
    } finally {
      sim.set("ok");
    }
  });

  it("reads the threshold filter, falling back to 90 %", () => {
    expect(thresholdFrom([{ field: "threshold", operator: "eq", value: "75" }])).toBe(0.75);
    expect(thresholdFrom([{ field: "threshold", operator: "eq", value: "" }])).toBe(0.9);
    expect(thresholdFrom(undefined)).toBe(0.9);
  });
});
