import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../tests/helpers/app";
import { DEMO_OWNER_RESTAURANT_ID } from "../../server/auth/users";
import { BFF, type OwnResponse } from "./api";
import { SIMULATOR_DASHBOARD_PAT, startRestaurantsSimulator } from "./simulator";

describe("the owner's view with only DASHBOARD_PAT configured", () => {
  let sim: Awaited<ReturnType<typeof startRestaurantsSimulator>>;
  let t: TestApp;
  beforeAll(async () => {
    sim = await startRestaurantsSimulator();
    t = await startTestApp({ env: { RESTAURANT_API_BASE_URL: sim.url, DASHBOARD_PAT: SIMULATOR_DASHBOARD_PAT } });
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it("shows the owner's figures from the PAT call, without a history, instead of failing", async () => {
    const res = await t.app.inject({ url: `/api${BFF.own}`, headers: { cookie: await t.login("owner") } });
    expect(res.statusCode).toBe(200);
    const own = res.json() as OwnResponse;
    expect(own.data.restaurantId).toBe(DEMO_OWNER_RESTAURANT_ID);
    expect(own.data.allowance.monthlyLimit).toBeGreaterThan(0);
    expect(own.data.history).toEqual([]);
  });
});
