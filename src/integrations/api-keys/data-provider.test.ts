import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../tests/helpers/app";
import { createDataProvider, filterValue } from "../../client/data-provider";
import { toHttpError } from "../../client/http";
import type { CreateKeyResponse, CreditBalance, LedgerEntry, SyncState } from "./api";
import type { APIKeySummary, ApiUsageMetrics } from "./contract";
import { API_KEYS_RESOURCES, apiKeysResources } from "./data-provider";
import apiKeysServer from "./server";
import type { ApiKeysSimulatorControl } from "./simulator";

// The data provider against the real server and simulator, through an axios client like the browser's.
describe("API keys data provider", () => {
  let t: TestApp;
  let sim: ApiKeysSimulatorControl;
  let provider: ReturnType<typeof createDataProvider>;

  beforeAll(async () => {
    t = await startTestApp({ integrations: [apiKeysServer], env: { UPSTREAM_TIMEOUT_MS: "300" } });
    sim = t.contexts.get("api-keys")!.simulator!.control as ApiKeysSimulatorControl;
    sim.arrivalMs = 0;
    const base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    const client = axios.create({ baseURL: `${base}/api`, headers: { cookie: await t.login("admin") } });
    client.interceptors.response.use(undefined, (e) => Promise.reject(toHttpError(e)));
    provider = createDataProvider(apiKeysResources, client);
  });
  afterAll(() => t.close());

  it("lists keys for the range in the from/to filters, with freshness as meta", async () => {
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const list = await provider.getList<APIKeySummary>({ resource: API_KEYS_RESOURCES.keys, filters: [{ field: "from", operator: "eq", value: from }] });
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((k) => k.last_used_at! >= from)).toBe(true);
    expect(list.total).toBe(list.data.length);
    expect(list.meta).toMatchObject({ stale: false, demo: true });
  });

  it("reads the metrics and the sync state as one row each, with freshness as meta", async () => {
    const usage = await provider.getList<ApiUsageMetrics & { id: string }>({ resource: API_KEYS_RESOURCES.apiUsage });
    expect(usage.data).toHaveLength(1);
    expect(usage.data[0].purposes.map((p) => p.purpose)).toEqual(["Zapier", "n8n", "Google Sheets", "Custom"]);
    expect(usage.meta).toMatchObject({ stale: false, fetchedAt: expect.any(String) });
    const sync = await provider.getList<SyncState & { id: string }>({ resource: API_KEYS_RESOURCES.sync });
    expect(sync.data[0]).toHaveProperty("lastOkAt");
  });

  it("creates a key (the answer holds the plaintext), then revokes it", async () => {
    const created = await provider.create<CreateKeyResponse, { name: string; purpose: string }>({
      resource: API_KEYS_RESOURCES.keys,
      variables: { name: "Sheets export", purpose: "Google Sheets" },
    });
    expect(created.data.plaintext.startsWith(created.data.key_prefix)).toBe(true);
    await provider.deleteOne({ resource: API_KEYS_RESOURCES.keys, id: created.data.id });
    expect(sim.keys.find((k) => k.id === created.data.id)!.revoked).toBe(true);
  });

  it("fails as a Refine HttpError with the server's words and the field of a 422", async () => {
    await expect(provider.deleteOne({ resource: API_KEYS_RESOURCES.keys, id: "key_nope" })).rejects.toMatchObject({
      statusCode: 404,
      message: "There is no API key key_nope; it may have been revoked already.",
    });
    await expect(provider.create({ resource: API_KEYS_RESOURCES.keys, variables: { name: "", purpose: "Zapier" } })).rejects.toMatchObject({
      statusCode: 422,
      errors: { name: "is required" },
    });
  });

  it("pages the ledger newest first with its total", async () => {
    await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: await t.login("admin") }, payload: {} });
    const first = await provider.getList<LedgerEntry>({ resource: API_KEYS_RESOURCES.ledger, pagination: { currentPage: 1, pageSize: 5 } });
    const second = await provider.getList<LedgerEntry>({ resource: API_KEYS_RESOURCES.ledger, pagination: { currentPage: 2, pageSize: 5 } });
    expect(first.total).toBeGreaterThan(10);
    expect(first.data[0].id).toBeGreaterThan(first.data[4].id);
    expect(second.data[0].id).toBeLessThan(first.data[4].id);
  });

  it("reads a filter's value only when it is set", () => {
    expect(filterValue([{ field: "from", operator: "eq", value: "" }], "from")).toBeUndefined();
    expect(filterValue([{ field: "to", operator: "eq", value: "2026-11-01T00:00:00Z" }], "to")).toBe("2026-11-01T00:00:00Z");
  });

  it("lists each user's credit balance", async () => {
    const credits = await provider.getList<CreditBalance & { id: string }>({ resource: API_KEYS_RESOURCES.credits });
    expect(credits.data.map((u) => u.user_id)).toContain("usr_ada");
    expect(credits.data.every((u) => u.balance >= 0)).toBe(true);
  });
});
