import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverIntegrations } from "../../src/server/integrations";
import { SECRET_NAME } from "../../src/server/logging";
import { startTestApp, type TestApp } from "../helpers/app";

/** A distinct, searchable value for every credential any integration declares, plus the session secret. */
const canaries: Record<string, string> = { SESSION_SECRET: "canary-session-secret-5f1c9a7e3b2d4c6a8e0f" };
const closedPort: Record<string, string> = {};
for (const integration of serverIntegrations) {
  for (const name of Object.keys(integration.env.shape)) {
    if (SECRET_NAME.test(name)) canaries[name] = `canary-${name.toLowerCase()}-9d8c7b6a`;
    // Every upstream URL points at a closed loopback port: the error paths are where leaks hide.
    if (name.endsWith("_URL")) closedPort[name] = "http://127.0.0.1:9/";
  }
}
const values = Object.values(canaries);

function leaked(text: string): string[] {
  return values.filter((v) => text.includes(v));
}

describe("credentials never leave the server", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ...canaries, ...closedPort, UPSTREAM_TIMEOUT_MS: "500", LOG_LEVEL: "debug" } });
  });
  afterAll(() => t.close());

  it("declares credentials to check", () => {
    expect(Object.keys(canaries)).toContain("IMAI_API_KEY");
  });

  it("puts none in a response or a log line, on success or upstream failure", async () => {
    const cookie = await t.login("admin");
    const seen: string[] = [];
    const gets = t.routes.filter((r) => r.method === "GET");
    for (const route of gets) {
      const res = await t.app.inject({ url: route.url.replace(/:([A-Za-z]+)/g, "x1"), headers: { cookie } });
      seen.push(res.body, JSON.stringify(res.headers));
    }
    const usage = await t.app.inject({ url: "/api/integrations/usage?refresh=1", headers: { cookie } });
    expect(usage.json().integrations.find((i: { id: string }) => i.id === "imai").status).toBe("error");
    seen.push(usage.body);
    seen.push((await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "admin@example.com", password: "bad" } })).body);
    expect(leaked(seen.join("\n"))).toEqual([]);
    expect(t.logs.length).toBeGreaterThan(0);
    expect(leaked(t.logs.join("\n"))).toEqual([]);
  });
});

describe("the built bundle", () => {
  let out: string;
  let js: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "uc-dist-"));
    const saved = { ...process.env };
    Object.assign(process.env, canaries);
    try {
      await build({ logLevel: "silent", build: { outDir: out, emptyOutDir: true } });
    } finally {
      process.env = saved;
    }
    const assets = join(out, "assets");
    js = readdirSync(assets)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(assets, f), "utf8"))
      .join("\n");
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("holds no credential set during the build", () => {
    expect(js.length).toBeGreaterThan(10_000);
    expect(leaked(js)).toEqual([]);
  });

  it("holds no zod: the browser takes types from contract.ts, never its schemas (zod alone is about 50 KB gzip)", () => {
    expect(js.includes("ZodError")).toBe(false);
  });

  it("holds no server module", () => {
    for (const marker of ["better-sqlite3", "pg-protocol", "fastify", "kysely", "scryptSync", "node:crypto", "createHmac"]) {
      expect(js.includes(marker), marker).toBe(false);
    }
  });
});
