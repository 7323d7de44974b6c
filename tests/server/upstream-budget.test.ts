import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationsUsageResponse } from "../../src/integrations/usage";
import type { SimulatorControl } from "../../src/server/simulator-kit";
import { startTestApp, type TestApp } from "../helpers/app";

/** What one signed-in viewer can make the console ask of the upstreams. */
describe("the upstream budget", () => {
  let t: TestApp;
  let viewer: string;
  const sim = (id: string) => t.contexts.get(id)!.simulator!.control as SimulatorControl;
  beforeAll(async () => {
    // A try may take 20 s: only the read budget can explain an answer before that.
    t = await startTestApp({
      env: { UPSTREAM_TIMEOUT_MS: "20000", UPSTREAM_READ_BUDGET_MS: "300", OVERVIEW_DEADLINE_MS: "10000", REFRESH_MIN_INTERVAL_S: "10" },
    });
    viewer = await t.login("viewer");
  });
  afterAll(() => t.close());

  it("calls an upstream once however often Refresh is pressed within 10 seconds", async () => {
    await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: viewer } });
    const before = sim("imai").calls;
    for (let i = 0; i < 30; i++) expect((await t.app.inject({ url: "/api/integrations/usage?refresh=1", headers: { cookie: viewer } })).statusCode).toBe(200);
    expect(sim("imai").calls - before).toBeLessThanOrEqual(1);
  });

  it("says when a Refresh was answered from the last call", async () => {
    await t.app.inject({ url: "/api/restaurants/usage?refresh=1", headers: { cookie: viewer } });
    const again = await t.app.inject({ url: "/api/restaurants/usage?refresh=1", headers: { cookie: viewer } });
    expect(again.json().meta.refreshLimited).toBe(true);
  });

  it("answers the last good figures, marked stale, once the read budget is spent on a slow upstream", async () => {
    const imai = sim("imai") as SimulatorControl & { credits: number };
    await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: viewer } });
    imai.slowMs = 5_000;
    imai.set("slow");
    try {
      // Past the refresh interval the cache calls again, and the call is slow.
      const now = Date.now;
      Date.now = () => now() + 11_000;
      let card: IntegrationsUsageResponse["integrations"][number] | undefined;
      try {
        const res = await t.app.inject({ url: "/api/integrations/usage?refresh=1", headers: { cookie: viewer } });
        card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "imai");
      } finally {
        Date.now = now;
      }
      expect(card).toMatchObject({ status: "active", stale: true });
      expect(card?.message).toMatch(/did not answer/);
    } finally {
      imai.set("ok");
    }
  });
});
