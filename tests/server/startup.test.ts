import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";

describe("start-up", () => {
  it("stops with a message naming a wrong variable", () => {
    const out = spawnSync("node_modules/.bin/tsx", ["src/server/start.ts"], {
      env: { ...process.env, IMAI_API_BASE_URL: "not a url", PORT: "eighty", DATABASE_URL: "sqlite::memory:" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/Invalid configuration/);
    expect(out.stderr).toMatch(/PORT/);
    expect(out.stderr).toMatch(/IMAI_API_BASE_URL/);
  });
});

describe("health and the SPA", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("answers /healthz and /readyz without a session", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ ok: true });
    expect((await t.app.inject({ url: "/readyz" })).json()).toEqual({ ok: true });
  });

  it("serves the SPA for client-side routes and a JSON 404 for unknown API paths", async () => {
    const page = await t.app.inject({ url: "/integrations" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    const api = await t.app.inject({ url: "/api/nothing-here" });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe("not_found");
  });
});
