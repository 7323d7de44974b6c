import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { IntegrationsUsageResponse, IntegrationUsage } from "../usage";
import { accountInfoSuccess, imaiErrorBody } from "./contract";
import type { ImaiSimulatorControl } from "./simulator";

describe("IMAI contract", () => {
  it("parses IMAI's success and error bodies", () => {
    expect(accountInfoSuccess.parse({ success: true, credits: 1234 }).credits).toBe(1234);
    expect(imaiErrorBody.parse({ success: false, error: "invalid_api_key", error_message: "bad key" }).error).toBe("invalid_api_key");
    expect(accountInfoSuccess.safeParse({ success: false, error: "x" }).success).toBe(false);
  });
});

describe.each(TEST_DATABASES)("IMAI through the server (%s)", (database) => {
  let t: TestApp;
  let sim: ImaiSimulatorControl;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp({ database, env: { UPSTREAM_TIMEOUT_MS: "300", UPSTREAM_CACHE_TTL_S: "300" } });
    sim = t.contexts.get("imai")!.simulator!.control as ImaiSimulatorControl;
    cookie = await t.login("admin");
  });
  afterAll(() => t.close());

  const imai = async (refresh = false): Promise<IntegrationUsage> => {
    const res = await t.app.inject({ url: `/api/integrations/usage${refresh ? "?refresh=1" : ""}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    return (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "imai")!;
  };

  it("shows total, remaining, used and percentage from the simulator", async () => {
    sim.credits = 7500;
    const card = await imai(true);
    expect(card).toMatchObject({
      provider: "IMAI",
      name: "IMAI",
      totalQuota: 10000,
      remainingQuota: 7500,
      usedQuota: 2500,
      usagePercentage: 25,
      status: "active",
      stale: false,
      demo: true,
    });
    expect(Date.parse(card.fetchedAt!)).toBeGreaterThan(Date.now() - 10_000);
  });

  it("serves the cached answer until Refresh asks again", async () => {
    sim.credits = 6000;
    expect((await imai()).remainingQuota).toBe(7500);
    expect((await imai(true)).remainingQuota).toBe(6000);
  });

  it("serves the last good answer, marked stale, when IMAI is down", async () => {
    sim.set("down");
    const card = await imai(true);
    sim.set("ok");
    expect(card).toMatchObject({ status: "active", stale: true, remainingQuota: 6000 });
    expect(card.message).toMatch(/last known figures/);
  });

  it("falls back to stale on a timeout too", async () => {
    sim.slowMs = 2_000;
    sim.set("slow");
    const card = await imai(true);
    sim.set("ok");
    expect(card).toMatchObject({ stale: true, remainingQuota: 6000 });
    expect(card.message).toMatch(/did not answer in time/);
  });

  it("answers status error with a safe message when IMAI refuses the key", async () => {
    sim.set("invalid_key");
    const card = await imai(true);
    sim.set("ok");
    expect(card.status).toBe("error");
    expect(card.message).toBe("IMAI rejected the API key. Check IMAI_API_KEY.");
    expect(card.remainingQuota).toBeNull();
  });
});

describe("IMAI's rate", () => {
  it("is never exceeded: 25 reads at once are spaced to 10 a second, none refused", async () => {
    const { startImaiSimulator } = await import("./simulator");
    const { createImaiClient } = await import("./client");
    const sim = await startImaiSimulator({ credits: 500 });
    try {
      const client = createImaiClient({ baseUrl: sim.url, apiKey: sim.env.IMAI_API_KEY });
      const answers = await Promise.all(Array.from({ length: 25 }, () => client.accountInfo()));
      expect(answers.every((a) => a.credits === 500)).toBe(true);
      expect(sim.control.limited).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe("IMAI without a database answer to fall back on", () => {
  it("shows status error when IMAI fails on the first call", async () => {
    const t = await startTestApp({ env: { UPSTREAM_TIMEOUT_MS: "300" } });
    try {
      (t.contexts.get("imai")!.simulator!.control as ImaiSimulatorControl).set("error500");
      const res = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: await t.login("viewer") } });
      const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "imai")!;
      expect(res.statusCode).toBe(200);
      expect(card).toMatchObject({ status: "error", message: "Unable to fetch quota. Please try again.", stale: false });
    } finally {
      await t.close();
    }
  });

  it("says not configured when the base URL is set but the key is not", async () => {
    const t = await startTestApp({ env: { IMAI_API_BASE_URL: "http://127.0.0.1:9/" } });
    try {
      const res = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: await t.login("admin") } });
      const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "imai")!;
      expect(card).toMatchObject({ status: "not_configured", demo: false });
      expect(card.message).toMatch(/IMAI_API_KEY/);
    } finally {
      await t.close();
    }
  });

  it("shows remaining credits and no percentage without IMAI_CREDITS_TOTAL", async () => {
    const { startImaiSimulator, SIMULATOR_IMAI_KEY } = await import("./simulator");
    const sim = await startImaiSimulator({ credits: 1234 });
    const t = await startTestApp({ env: { IMAI_API_BASE_URL: sim.url, IMAI_API_KEY: SIMULATOR_IMAI_KEY } });
    try {
      const res = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: await t.login("admin") } });
      const card = (res.json() as IntegrationsUsageResponse).integrations.find((i) => i.id === "imai")!;
      expect(card).toMatchObject({ status: "active", remainingQuota: 1234, totalQuota: null, usagePercentage: null, demo: false });
    } finally {
      await t.close();
      await sim.close();
    }
  });
});

describe("IMAI's failure words", () => {
  it("says IMAI's codes in its own sentences and anything else as the spec's sentence", async () => {
    const { describeFailure } = await import("../../server/upstream/failure");
    const { UpstreamError } = await import("../../server/upstream/http");
    const { imaiWords } = await import("./server");
    const http = (status: number, code?: string) => describeFailure(new UpstreamError("IMAI", "http", "x", status, code), imaiWords);
    expect(http(401, "not_authenticated")).toBe("IMAI rejected the API key. Check IMAI_API_KEY.");
    expect(http(403, "subscription_expired")).toBe("The IMAI subscription has expired.");
    expect(http(400, "no_tokens_remaining")).toBe("IMAI reports no credits remaining.");
    expect(http(429, "rate_limit_exceeded")).toBe("IMAI is rate limiting requests. Please try again shortly.");
    expect(http(500)).toBe("Unable to fetch quota. Please try again.");
    expect(describeFailure(new Error("boom"), imaiWords)).toBe("Unable to fetch quota. Please try again.");
  });
});
