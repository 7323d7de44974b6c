import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { Envelope, IntegrationsUsageResponse, IntegrationUsage } from "../usage";
import type { Pax8UsageDetails } from "./charges";
import type { UsageLineListResponse, UsageSummary, UsageSummaryListResponse } from "./contract";
import { type Pax8SimulatorControl, SIMULATOR_PAX8_CLIENT_SECRET } from "./simulator";
import type { Pax8Data } from "./simulator-data";

describe.each(TEST_DATABASES)("Pax8 through the server (%s)", (database) => {
  let t: TestApp;
  let sim: Pax8SimulatorControl;
  let data: Pax8Data;
  let cookie: string;
  const sub = () => data.subscriptions[0].id;

  beforeAll(async () => {
    t = await startTestApp({ database, env: { UPSTREAM_TIMEOUT_MS: "500" } });
    const running = t.contexts.get("pax8")!.simulator! as unknown as { control: Pax8SimulatorControl; data: Pax8Data };
    sim = running.control;
    data = running.data;
    cookie = await t.login("viewer");
  });
  afterAll(() => t.close());
  beforeEach(() => sim.set("ok"));

  const get = (url: string, who = cookie) => t.app.inject({ url, headers: { cookie: who } });

  it("lists subscriptions and a subscription's usage summaries in Pax8's 0-based pages", async () => {
    const subs = await get("/api/pax8/subscriptions?size=200");
    expect(subs.statusCode).toBe(200);
    expect(subs.json().data.content).toHaveLength(data.subscriptions.length);
    const res = await get(`/api/pax8/subscriptions/${sub()}/usage-summaries?page=1&size=5&sort=currentCharges,desc`);
    const { data: page, meta } = res.json() as Envelope<UsageSummaryListResponse>;
    expect(page.page).toMatchObject({ number: 1, size: 5 });
    expect(page.content).toHaveLength(5);
    const charges = page.content.map((s) => s.currentCharges!);
    expect(charges).toEqual([...charges].sort((a, b) => b - a));
    expect(Date.parse(meta.fetchedAt)).toBeGreaterThan(0);
    expect(meta).toMatchObject({ stale: false, demo: true });
    expect(res.headers["x-fetched-at"]).toBeUndefined();
  });

  it("filters by resourceGroup and companyId", async () => {
    const group = data.summaries[2].resourceGroup!;
    const page = (await get(`/api/pax8/subscriptions/${sub()}/usage-summaries?resourceGroup=${group}`)).json().data as UsageSummaryListResponse;
    expect(page.content.map((s) => s.resourceGroup)).toEqual([group]);
    const company = data.summaries.find((s) => s.subscriptionId === sub() && s.companyId !== data.subscriptions[0].companyId)!.companyId!;
    const byCompany = (await get(`/api/pax8/subscriptions/${sub()}/usage-summaries?companyId=${company}&size=200`)).json().data as UsageSummaryListResponse;
    expect(byCompany.content.length).toBeGreaterThan(0);
    expect(byCompany.content.every((s) => s.companyId === company)).toBe(true);
  });

  it("shows one usage summary and its lines for a date", async () => {
    const summary = data.summaries[0];
    const one = (await get(`/api/pax8/usage-summaries/${summary.id}`)).json().data as UsageSummary;
    expect(one).toMatchObject({ id: summary.id, currencyCode: summary.currencyCode, isTrial: summary.isTrial });
    expect(one).not.toHaveProperty("meters");
    const lines = (await get(`/api/pax8/usage-summaries/${summary.id}/usage-lines?usageDate=${data.lastUsageDay}&size=200`)).json()
      .data as UsageLineListResponse;
    expect(lines.content.length).toBeGreaterThan(0);
    expect(lines.content.every((l) => l.usageDate === data.lastUsageDay && l.usageSummaryId === summary.id)).toBe(true);
  });

  it("answers 404 for an unknown summary or subscription", async () => {
    const res = await get("/api/pax8/usage-summaries/00000000-0000-4000-8000-000000000000");
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: "not_found", message: "Pax8 has no such item." });
    expect((await get("/api/pax8/subscriptions/00000000-0000-4000-8000-000000000000/usage-summaries")).statusCode).toBe(404);
  });

  it.each([
    ["/api/pax8/subscriptions/nope/usage-summaries", "subscriptionId"],
    ["/api/pax8/subscriptions/SUB/usage-summaries?size=201", "size"],
    ["/api/pax8/subscriptions/SUB/usage-summaries?page=-1", "page"],
    ["/api/pax8/subscriptions/SUB/usage-summaries?sort=vendorName", "sort"],
    ["/api/pax8/subscriptions/SUB/usage-summaries?companyId=acme", "companyId"],
    ["/api/pax8/subscriptions/SUB/usage-summaries?pageSize=20", "query"],
    ["/api/pax8/usage-summaries/SUM/usage-lines", "usageDate"],
    ["/api/pax8/usage-summaries/SUM/usage-lines?usageDate=2026-13-01", "usageDate"],
    ["/api/pax8/usage-summaries/SUM/usage-lines?usageDate=2026-11-01&productId=x", "productId"],
    ["/api/pax8/usage-summaries/x1", "id"],
  ])("%s is a 422 naming %s, and never reaches Pax8", async (url, field) => {
    const calls = sim.calls;
    const res = await get(url.replace("SUB", sub()).replace("SUM", data.summaries[0].id));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details[0].field).toBe(field);
    expect(body.error.message).toMatch(new RegExp(`^${field}: `));
    expect(sim.calls).toBe(calls);
  });

  it("asks for a session and integration:Read", async () => {
    expect((await t.app.inject({ url: "/api/pax8/subscriptions" })).statusCode).toBe(401);
    expect((await get("/api/pax8/subscriptions", await t.login("editor"))).statusCode).toBe(403);
    const perms = t.routes.filter((r) => r.url.startsWith("/api/pax8/"));
    expect(perms).toHaveLength(4);
    expect(perms.every((r) => r.permission === "integration:Read")).toBe(true);
  });

  it("serves from the cache until ?refresh=1, and the last good answer when Pax8 is down", async () => {
    const url = `/api/pax8/usage-summaries/${data.summaries[1].id}`;
    await get(url);
    const calls = sim.calls;
    await get(url);
    expect(sim.calls).toBe(calls);
    await get(`${url}?refresh=1`);
    expect(sim.calls).toBe(calls + 1);
    sim.set("down");
    const stale = await get(`${url}?refresh=1`);
    expect(stale.statusCode).toBe(200);
    expect(stale.json().meta).toMatchObject({ stale: true, message: "Pax8 could not be reached. Try again. Showing the last known figures." });
    expect(stale.json().data.id).toBe(data.summaries[1].id);
  });

  it("answers a safe 502 when Pax8 fails and nothing is cached", async () => {
    sim.set("error500");
    const res = await get(`/api/pax8/subscriptions/${sub()}/usage-summaries?size=7&refresh=1`);
    expect(res.statusCode).toBe(502);
    expect(res.json().error.message).toBe("Pax8 answered with an error (500). Try again.");
  });

  it("gives the overview this month's charges per currency, against the budget", async () => {
    const res = await get("/api/integrations/usage?refresh=1");
    const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "pax8")!;
    const details = card.details as unknown as Pax8UsageDetails;
    const usd = data.summaries.filter((s) => s.currencyCode === "USD").reduce((sum, s) => sum + s.currentCharges!, 0);
    expect(card).toMatchObject({ provider: "Pax8", status: "active", demo: true, unit: "USD", totalQuota: 15000 });
    expect(card.usedQuota).toBeCloseTo(usd, 1);
    expect(card.usagePercentage).toBeCloseTo((usd / 15000) * 100, 1);
    expect(details.charges.map((c) => c.currency).sort()).toEqual(["AUD", "CAD", "EUR", "GBP", "USD"]);
    expect(details.charges.find((c) => c.currency === "EUR")).toMatchObject({ budget: 5000 });
    expect(details.summaries).toBe(data.summaries.length);
  });

  it("keeps the overview page working with status error and a safe message when Pax8 fails", async () => {
    sim.set("invalid_key");
    // A second app on SQLite: two PostgreSQL test schemas at once trip the core's migrator (see README).
    const t2 = await startTestApp({
      env: {
        PAX8_API_BASE_URL: (t.contexts.get("pax8")!.simulator as { url: string }).url,
        PAX8_TOKEN_URL: (t.contexts.get("pax8")!.env as { PAX8_TOKEN_URL: string }).PAX8_TOKEN_URL,
        PAX8_CLIENT_ID: "sim-pax8-client",
        PAX8_CLIENT_SECRET: SIMULATOR_PAX8_CLIENT_SECRET,
      },
    });
    try {
      const res = await t2.app.inject({ url: "/api/integrations/usage", headers: { cookie: await t2.login("admin") } });
      expect(res.statusCode).toBe(200);
      const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "pax8") as IntegrationUsage;
      expect(card).toMatchObject({
        status: "error",
        demo: false,
        message: "Pax8 refused the client credentials. Check PAX8_CLIENT_ID and PAX8_CLIENT_SECRET.",
      });
      expect(res.body).not.toContain(SIMULATOR_PAX8_CLIENT_SECRET);
      expect(t2.logs.join("")).not.toContain(SIMULATOR_PAX8_CLIENT_SECRET);
    } finally {
      await t2.close();
    }
  });

  it("never sends or logs the client secret or a token", async () => {
    await get(`/api/pax8/subscriptions?refresh=1`);
    const tokens = [...sim.tokens.keys()];
    expect(tokens.length).toBeGreaterThan(0);
    const logs = t.logs.join("");
    for (const secret of [SIMULATOR_PAX8_CLIENT_SECRET, ...tokens]) expect(logs).not.toContain(secret);
  });
});

describe("Pax8 not configured", () => {
  it("says so on the overview and answers 503 on its routes", async () => {
    const t = await startTestApp({ env: { PAX8_API_BASE_URL: "http://127.0.0.1:9/v1" } });
    try {
      const cookie = await t.login("admin");
      const usage = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie } });
      const card = (usage.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "pax8")!;
      expect(card).toMatchObject({ status: "not_configured", demo: false });
      expect(card.message).toMatch(/PAX8_CLIENT_ID/);
      const res = await t.app.inject({ url: "/api/pax8/subscriptions", headers: { cookie } });
      expect(res.statusCode).toBe(503);
    } finally {
      await t.close();
    }
  });

  it("refuses a malformed PAX8_MONTHLY_BUDGET at start-up, naming it", async () => {
    await expect(startTestApp({ env: { PAX8_MONTHLY_BUDGET: "lots" } })).rejects.toThrow(/PAX8_MONTHLY_BUDGET/);
  });
});
