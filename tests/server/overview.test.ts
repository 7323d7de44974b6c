import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntegrationsUsageResponse, IntegrationUsage } from "../../src/integrations/usage";
import type { SimulatorControl } from "../../src/server/simulator-kit";
import { startTestApp, type TestApp } from "../helpers/app";

/** A slow upstream answers late on its own card; the others answer at once. */
describe("the Integrations overview with one slow upstream", () => {
  let t: TestApp;
  let pax8: SimulatorControl;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { OVERVIEW_DEADLINE_MS: "400", UPSTREAM_TIMEOUT_MS: "3000" } });
    pax8 = t.contexts.get("pax8")!.simulator!.control as SimulatorControl;
    pax8.slowMs = 2_500;
    cookie = await t.login("viewer");
  });
  afterAll(() => t.close());

  const cards = async (refresh = true) => {
    const res = await t.app.inject({ url: `/api/integrations/usage${refresh ? "?refresh=1" : ""}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const all = (res.json() as IntegrationsUsageResponse).integrations;
    return { imai: all.find((i) => i.id === "imai")!, pax8: all.filter((i) => i.id === "pax8") as IntegrationUsage[] };
  };

  it("answers the other cards and says the slow one did not answer, when it has never answered", async () => {
    pax8.set("slow");
    const { imai, pax8: late } = await cards();
    pax8.set("ok");
    expect(imai.status).toBe("active");
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ status: "error", message: "Pax8 did not answer in time. Try again." });
  });

  it("shows the slow one's last known figures, marked stale, once it has answered before", async () => {
    // The slow call of the test before is still on the wire; wait (bounded) until Pax8 answers again.
    let fresh = await cards();
    for (let i = 0; i < 20 && fresh.pax8[0].status !== "active"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      fresh = await cards();
    }
    expect(fresh.pax8[0].status).toBe("active");
    pax8.set("slow");
    const { imai, pax8: late } = await cards();
    pax8.set("ok");
    expect(imai.status).toBe("active");
    expect(late[0]).toMatchObject({ status: "active", stale: true, message: "Pax8 did not answer in time. Showing the last known figures." });
    expect(late[0].usedQuota).toBe(fresh.pax8[0].usedQuota);
  });
});
