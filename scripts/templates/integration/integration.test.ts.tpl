import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { IntegrationsUsageResponse, IntegrationUsage } from "../usage";
import { API, type ItemsResponse } from "./api";
import { errorBodySchema, itemPageSchema, quotaSchema } from "./contract";
import type { {{Name}}SimulatorControl } from "./simulator";

describe("{{Title}} contract", () => {
  it("parses the upstream's pages, quota and error bodies, and refuses what does not match", () => {
    const item = { id: "a", name: "A", used: 1, limit: 2, updatedAt: "2025-01-01T00:00:00.000Z" };
    expect(itemPageSchema.parse({ items: [item], total: 1 }).items[0].name).toBe("A");
    expect(quotaSchema.parse({ limit: 10, remaining: 4 }).remaining).toBe(4);
    expect(errorBodySchema.parse({ error: { code: "invalid_api_key" } }).error.code).toBe("invalid_api_key");
    expect(itemPageSchema.safeParse({ items: [{ id: "a" }], total: 1 }).success).toBe(false);
  });
});

describe.each(TEST_DATABASES)("{{Title}} through the server (%s)", (database) => {
  let t: TestApp;
  let sim: {{Name}}SimulatorControl;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp({ database, env: { UPSTREAM_TIMEOUT_MS: "300" } });
    sim = t.contexts.get("{{id}}")!.simulator!.control as {{Name}}SimulatorControl;
    cookie = await t.login("viewer");
  });
  afterAll(() => t.close());

  const items = async (query = "") => {
    const res = await t.app.inject({ url: `/api${API.items}${query}`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ItemsResponse;
  };
  const card = async (): Promise<IntegrationUsage> => {
    const res = await t.app.inject({ url: "/api/integrations/usage?refresh=1", headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "{{id}}")!;
  };

  it("lists the upstream's items a page at a time, in the envelope", async () => {
    const body = await items("?limit=2&offset=0");
    expect(body.data.items.map((i) => i.id)).toEqual(["item-1", "item-2"]);
    expect(body.data.total).toBe(sim.items.length);
    expect(body.meta).toMatchObject({ stale: false, demo: true });
    expect(Date.parse(body.meta.fetchedAt)).toBeGreaterThan(Date.now() - 10_000);
  });

  it("serves the cached page until Refresh asks again", async () => {
    const before = (await items("?limit=100")).data.total;
    sim.add("Fresh widget");
    expect((await items("?limit=100")).data.total).toBe(before);
    expect((await items("?limit=100&refresh=1")).data.total).toBe(before + 1);
  });

  it("serves the last good page, marked stale, when the upstream is down", async () => {
    sim.set("down");
    const body = await items("?limit=100&refresh=1");
    sim.set("ok");
    expect(body.meta.stale).toBe(true);
    expect(body.meta.message).toMatch(/last known figures/);
    expect(body.data.items.length).toBeGreaterThan(0);
  });

  it("refuses a limit out of bounds with a 422 that names the field", async () => {
    const res = await t.app.inject({ url: `/api${API.items}?limit=1000`, headers: { cookie } });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/limit/);
  });

  it("shows its card on the overview in demo mode", async () => {
    expect(await card()).toMatchObject({
      name: "{{Title}}",
      status: "active",
      demo: true,
      stale: false,
      totalQuota: sim.limit,
      remainingQuota: sim.remaining(),
      usedQuota: sim.limit - sim.remaining(),
    });
  });

  it("says the upstream's failure on its card in words: an outage shows the last known figures, a refused key an error", async () => {
    sim.set("down");
    const down = await card();
    sim.set("invalid_key");
    const refused = await card();
    sim.set("ok");
    expect(down).toMatchObject({ status: "active", stale: true, remainingQuota: sim.remaining() });
    expect(down.message).toMatch(/last known figures/);
    expect(refused).toMatchObject({ status: "error", remainingQuota: null });
    expect(refused.message).toMatch(/refused the console's credentials/);
  });

  it("answers 401 without a session and 403 to a role without integration:Read", async () => {
    expect((await t.app.inject({ url: `/api${API.items}` })).statusCode).toBe(401);
    const editor = await t.login("editor");
    const res = await t.app.inject({ url: `/api${API.items}`, headers: { cookie: editor } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("forbidden");
  });
});

describe("{{Title}} not configured", () => {
  it("says which variable is missing when the base URL is set but the key is not", async () => {
    const t = await startTestApp({ env: { {{ENV}}_API_BASE_URL: "http://127.0.0.1:9/" } });
    try {
      const cookie = await t.login("admin");
      const usage = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie } });
      const entry = (usage.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "{{id}}")!;
      expect(entry).toMatchObject({ status: "not_configured", demo: false });
      expect(entry.message).toMatch(/{{ENV}}_API_KEY/);
      const list = await t.app.inject({ url: `/api${API.items}`, headers: { cookie } });
      expect(list.statusCode).toBe(503);
      expect(list.json().error.code).toBe("not_configured");
    } finally {
      await t.close();
    }
  });
});
