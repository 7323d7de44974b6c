import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyParams } from "../../src/integrations/api-keys/api";
import { BFF } from "../../src/integrations/restaurants/api";
import { SIM_RESTAURANTS } from "../../src/integrations/restaurants/simulator-data";
import type { SimulatorControl } from "../../src/server/simulator-kit";
import { startTestApp, TEST_DATABASES, type TestApp } from "../helpers/app";

/** Inputs that once slipped past validation: each is a 422 naming the field, and nothing is half done. */
describe.each(TEST_DATABASES)("hostile input (%s)", (database) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ database });
    admin = await t.login("admin");
  });
  afterAll(() => t.close());

  it("refuses a NUL character anywhere, before any upstream call or audit entry", async () => {
    const restaurants = t.contexts.get("restaurants")!.simulator!.control as SimulatorControl;
    const before = restaurants.calls;
    const renew = await t.app.inject({
      method: "POST",
      url: `/api${BFF.renew(SIM_RESTAURANTS.nearQuota.id)}`,
      headers: { cookie: admin, "idempotency-key": "nul-1" },
      payload: { amount: 1000, reason: "a\u0000b" },
    });
    expect(renew.statusCode).toBe(422);
    expect(renew.json().error.details[0].field).toBe("reason");
    expect(restaurants.calls).toBe(before);

    const create = await t.app.inject({
      method: "POST",
      url: "/api/api-keys/keys",
      headers: { cookie: admin },
      payload: { name: "x\u0000", purpose: "Zapier" },
    });
    expect(create.statusCode).toBe(422);
    expect(create.json().error.details[0].field).toBe("name");

    const audit = await t.app.inject({ url: "/api/audit-logs?action=%00", headers: { cookie: admin } });
    expect(audit.statusCode).toBe(422);
    expect(audit.json().error.details[0].field).toBe("action");
  });

  it("refuses a key id that is a dot-segment, so a revoke cannot reach another upstream path", () => {
    // Over a real socket %2e%2e reaches the route as "..": the schema is what stops it.
    for (const id of ["..", ".", "a/b", "a%2Fb", ""]) expect(keyParams.safeParse({ id }).success, id).toBe(false);
    expect(keyParams.safeParse({ id: "key_3f9a-01" }).success).toBe(true);
  });

  it("reads a blank alerts threshold as the default 90 %, not 0", async () => {
    const blank = (await t.app.inject({ url: `/api${BFF.alerts}?threshold=`, headers: { cookie: admin } })).json();
    const standard = (await t.app.inject({ url: `/api${BFF.alerts}?threshold=0.9`, headers: { cookie: admin } })).json();
    expect(blank.data.pagination.total).toBe(standard.data.pagination.total);
    expect(blank.data.threshold).toBe(0.9);
  });
});
