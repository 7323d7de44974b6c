import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../../../tests/helpers/app";
import type { Envelope } from "../usage";
import type { CreateKeyResponse } from "./api";
import { type APIKeySummary, type ApiUsageMetrics, apiKeyList, createdApiKey, type VerificationMetrics } from "./contract";

type Keys = Envelope<APIKeySummary[]>;
type Usage = Envelope<ApiUsageMetrics>;

import apiKeysServer from "./server";
import type { ApiKeysSimulatorControl } from "./simulator";

describe("the email-verification API's contract", () => {
  it("parses a key list and a create answer, and refuses an unknown integration type", () => {
    const key = {
      id: "k1",
      user_id: "u1",
      name: "Zap",
      purpose: "Zapier",
      key_prefix: "evk_live_ab12",
      created_at: "2026-11-01T00:00:00Z",
      last_used_at: null,
      total_requests: 0,
    };
    expect(apiKeyList.parse({ keys: [key] }).keys[0].total_requests).toBe(0);
    expect(createdApiKey.parse({ ...key, plaintext: "evk_live_0123456789abcdef" }).plaintext).toMatch(/^evk_live_/);
    expect(apiKeyList.safeParse({ keys: [{ ...key, purpose: "IFTTT" }] }).success).toBe(false);
  });
});

describe.each(TEST_DATABASES)("API keys through the server (%s)", (database) => {
  let t: TestApp;
  let sim: ApiKeysSimulatorControl;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp({ database, integrations: [apiKeysServer], env: { UPSTREAM_TIMEOUT_MS: "400" } });
    sim = t.contexts.get("api-keys")!.simulator!.control as ApiKeysSimulatorControl;
    sim.arrivalMs = 0;
    admin = await t.login("admin");
    viewer = await t.login("viewer");
  });
  afterAll(() => t.close());

  const get = async <T>(url: string, cookie = admin) => {
    const res = await t.app.inject({ url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  it("lists keys of every integration type with total_requests, never a secret", async () => {
    const body = await get<Keys>("/api/api-keys/keys?refresh=1", viewer);
    expect(new Set(body.data.map((k) => k.purpose))).toEqual(new Set(["Zapier", "n8n", "Google Sheets", "Custom"]));
    expect(body.data.reduce((s, k) => s + k.total_requests, 0)).toBeGreaterThan(0);
    expect(body.meta).toMatchObject({ stale: false, demo: true });
    expect(JSON.stringify(body)).not.toMatch(/plaintext|evk_live_[0-9a-f]{40}/);
  });

  it("counts requests in the date range and keeps only keys last used in it", async () => {
    const all = (await get<Keys>("/api/api-keys/keys")).data;
    const from = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const week = (await get<Keys>(`/api/api-keys/keys?from=${encodeURIComponent(from)}`)).data;
    expect(week.every((k) => k.last_used_at! >= from)).toBe(true);
    expect(week.reduce((s, k) => s + k.total_requests, 0)).toBeLessThan(all.reduce((s, k) => s + k.total_requests, 0));
  });

  it("answers usage per purpose and verification totals over a range", async () => {
    const usage = (await get<Usage>("/api/api-keys/metrics/api-usage?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")).data;
    expect(usage.purposes.map((p) => p.purpose)).toEqual(["Zapier", "n8n", "Google Sheets", "Custom"]);
    expect(usage.total_requests).toBe(usage.purposes.reduce((s, p) => s + p.total_requests, 0));
    const one = (await get<Usage>("/api/api-keys/metrics/api-usage?user_id=usr_ada")).data;
    expect(one.total_requests).toBeLessThan(usage.total_requests);
    const v = (await get<Envelope<VerificationMetrics>>("/api/api-keys/metrics/verifications")).data;
    expect(v.totals.emails).toBeGreaterThanOrEqual(v.totals.valid + v.totals.invalid);
  });

  it("refuses bad input with 422 naming the field", async () => {
    const bad = await t.app.inject({ url: "/api/api-keys/keys?from=yesterday", headers: { cookie: admin } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toMatch(/^from:/);
    const backwards = await t.app.inject({
      url: "/api/api-keys/metrics/verifications?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z",
      headers: { cookie: admin },
    });
    expect(backwards.json().error.message).toBe("to: must not be before from");
    const noName = await t.app.inject({ method: "POST", url: "/api/api-keys/keys", headers: { cookie: admin }, payload: { name: " ", purpose: "Zapier" } });
    expect([noName.statusCode, noName.json().error.message]).toEqual([422, "name: is required"]);
    const badType = await t.app.inject({ method: "POST", url: "/api/api-keys/keys", headers: { cookie: admin }, payload: { name: "x", purpose: "IFTTT" } });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().error.message).toMatch(/^purpose:/);
  });

  it("shows the plaintext once, on create; the list, the audit log, the database and the logs never hold it", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/api-keys/keys",
      headers: { cookie: admin },
      payload: { name: "Marketing Zap", purpose: "Zapier" },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as CreateKeyResponse;
    expect(created.plaintext.startsWith(created.key_prefix)).toBe(true);
    expect(res.headers["cache-control"]).toBe("no-store");

    const list = await get<Keys>("/api/api-keys/keys");
    const listed = list.data.find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ name: "Marketing Zap", purpose: "Zapier", key_prefix: created.key_prefix, total_requests: 0 });
    const audit = await t.app.inject({ url: "/api/audit-logs?_start=0&_end=50", headers: { cookie: admin } });
    expect(audit.body).toContain("api_key.create");
    const dump = await dumpDatabase(t);
    for (const text of [JSON.stringify(list), audit.body, dump, t.logs.join("\n")]) expect(text).not.toContain(created.plaintext);
    expect(dump).toContain(created.key_prefix);
  });

  it("revokes a key (audited) and says in words when there is no such key", async () => {
    const created = (
      await t.app.inject({ method: "POST", url: "/api/api-keys/keys", headers: { cookie: admin }, payload: { name: "Old n8n", purpose: "n8n" } })
    ).json() as CreateKeyResponse;
    const res = await t.app.inject({ method: "DELETE", url: `/api/api-keys/keys/${created.id}`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(204);
    expect((await get<Keys>("/api/api-keys/keys")).data.map((k) => k.id)).not.toContain(created.id);
    const again = await t.app.inject({ method: "DELETE", url: `/api/api-keys/keys/${created.id}`, headers: { cookie: admin } });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toBe(`There is no API key ${created.id}; it may have been revoked already.`);
    const audit = await t.app.inject({ url: "/api/audit-logs?_start=0&_end=50", headers: { cookie: admin } });
    expect(
      audit
        .json()
        .filter((e: { action: string; target: string }) => e.action === "api_key.revoke" && e.target === created.id)
        .map((e: { outcome: string }) => e.outcome)
        .sort(),
    ).toEqual(["failure", "success"]);
  });

  it("lets a viewer read but not create, revoke or sync", async () => {
    const create = await t.app.inject({ method: "POST", url: "/api/api-keys/keys", headers: { cookie: viewer }, payload: { name: "x", purpose: "Custom" } });
    const revoke = await t.app.inject({ method: "DELETE", url: "/api/api-keys/keys/key_ada_0", headers: { cookie: viewer } });
    const sync = await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: viewer }, payload: {} });
    expect([create.statusCode, revoke.statusCode, sync.statusCode]).toEqual([403, 403, 403]);
    expect(sim.keys.find((k) => k.id === "key_ada_0")!.revoked).toBe(false);
  });

  it("serves the last synced data, marked stale with when it was synced, while the upstream is down", async () => {
    expect((await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: admin }, payload: {} })).statusCode).toBe(200);
    const live = (await get<Keys>("/api/api-keys/keys?from=2020-01-01T00:00:00Z&refresh=1")).data;
    const liveUsage = (await get<Usage>("/api/api-keys/metrics/api-usage?refresh=1")).data;
    sim.set("down");
    try {
      const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const [stale, staleUsage, staleRange] = [
        await get<Keys>("/api/api-keys/keys?from=2020-01-01T00:00:00Z&refresh=1"),
        await get<Usage>("/api/api-keys/metrics/api-usage?refresh=1"),
        await get<Keys>(`/api/api-keys/keys?from=${encodeURIComponent(from)}`),
      ];
      expect(stale.meta).toMatchObject({ stale: true });
      expect(stale.meta.message).toMatch(/could not be reached/);
      const { data: synced } = await get<Envelope<{ lastOkAt: string }>>("/api/api-keys/sync");
      expect(Date.parse(synced.lastOkAt)).toBeGreaterThan(Date.now() - 60_000);
      expect(stale.data.map((k) => [k.id, k.total_requests])).toEqual(live.map((k) => [k.id, k.total_requests]));
      expect(staleUsage.data.purposes).toEqual(liveUsage.purposes);
      // A range never asked for before is rebuilt from the synced tasks, as of the last sync.
      expect(staleRange.meta).toMatchObject({ stale: true, fetchedAt: synced.lastOkAt, message: expect.stringMatching(/last synced data/) });
      expect(staleRange.data.every((k) => k.last_used_at! >= from)).toBe(true);
      const sync = await t.app.inject({ method: "POST", url: "/api/api-keys/sync", headers: { cookie: admin }, payload: {} });
      expect(sync.statusCode).toBe(502);
      expect(sync.json().error.message).toBe("The email-verification API could not be reached. Try again. The last synced data is kept.");
      const { data: state } = await get<Envelope<{ lastRun: { ok: boolean }; keys: { key_id: string; ok: boolean; error: string }[] }>>("/api/api-keys/sync");
      expect(state.lastRun.ok).toBe(false);
      const liveKeys = state.keys.filter((k) => live.some((l) => l.id === k.key_id));
      expect(liveKeys.length).toBe(live.length);
      expect(liveKeys.every((k) => !k.ok && k.error === "The email-verification API could not be reached. Try again.")).toBe(true);
    } finally {
      sim.set("ok");
    }
  });
});

describe("the simulator", () => {
  it("refuses a request without the service token and answers 404 for an unknown key", async () => {
    const { startApiKeysSimulator, SIMULATOR_APIKEYS_TOKEN } = await import("./simulator");
    const sim = await startApiKeysSimulator({ days: 2 });
    try {
      expect((await fetch(`${sim.url}/api/v1/api-keys`)).status).toBe(401);
      const gone = await fetch(`${sim.url}/api/v1/api-keys/nope`, { method: "DELETE", headers: { authorization: `Bearer ${SIMULATOR_APIKEYS_TOKEN}` } });
      expect(gone.status).toBe(404);
      sim.control.set("error500");
      expect((await fetch(`${sim.url}/tasks?user_id=usr_ada`, { headers: { authorization: `Bearer ${SIMULATOR_APIKEYS_TOKEN}` } })).status).toBe(500);
    } finally {
      await sim.close();
    }
  });
});

async function dumpDatabase(t: TestApp): Promise<string> {
  const out: unknown[] = [];
  for (const table of ["api_keys_key_snapshots", "api_keys_tasks", "api_keys_credit_ledger", "audit_log", "upstream_cache"]) {
    out.push((await sql`select * from ${sql.table(table)}`.execute(t.db)).rows);
  }
  return JSON.stringify(out);
}

describe("the service token never leaves the server", () => {
  it("is in no response or log line, with the upstream unreachable", async () => {
    const token = "canary-apikeys-token-4f2a9c1e";
    const t = await startTestApp({
      integrations: [apiKeysServer],
      env: { APIKEYS_API_BASE_URL: "http://127.0.0.1:9/", APIKEYS_SERVICE_TOKEN: token, UPSTREAM_TIMEOUT_MS: "300", LOG_LEVEL: "debug" },
    });
    try {
      const cookie = await t.login("admin");
      const seen: string[] = [];
      for (const route of t.routes.filter((r) => r.url.startsWith("/api/api-keys"))) {
        const res = await t.app.inject({
          method: route.method as "GET",
          url: route.url.replace(":id", "key_1"),
          headers: { cookie },
          payload: route.method === "GET" ? undefined : { name: "x", purpose: "Custom" },
        });
        // Reads serve what was synced (nothing yet); writes say the upstream could not be reached.
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(route.method === "GET" ? 200 : 502);
        seen.push(res.body, JSON.stringify(res.headers));
      }
      const keys = await t.app.inject({ url: "/api/api-keys/keys", headers: { cookie } });
      expect(keys.json()).toMatchObject({ data: [], meta: { stale: true, demo: false } });
      expect(keys.json().meta.message).toMatch(/could not be reached/);
      expect(seen.join("\n")).not.toContain(token);
      expect(t.logs.join("\n")).not.toContain(token);
    } finally {
      await t.close();
    }
  });
});
