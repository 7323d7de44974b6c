import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";

/** Compressed on the wire: assets as the build compressed them, JSON answers over 1 KB on the fly. */
describe("compression", () => {
  let t: TestApp;
  let viewer: string;
  let script: string;
  beforeAll(async () => {
    // The SPA (with its .br/.gz siblings) when it is missing or stale.
    expect(spawnSync("node", ["scripts/start.mjs", "--build-only"], { stdio: "inherit" }).status).toBe(0);
    script = readdirSync("dist/assets")
      .filter((f) => f.endsWith(".js"))
      .sort((a, b) => readFileSync(join("dist/assets", b)).length - readFileSync(join("dist/assets", a)).length)[0];
    t = await startTestApp();
    viewer = await t.login("viewer");
  }, 180_000);
  afterAll(() => t.close());

  it("sends a built asset pre-compressed, brotli or gzip as accepted, and plain to a client that accepts neither", async () => {
    const original = readFileSync(join("dist/assets", script));
    const url = `/assets/${script}`;
    const br = await t.app.inject({ url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);
    expect(br.headers["cache-control"]).toContain("immutable");
    const gz = await t.app.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);
    const plain = await t.app.inject({ url });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it("compresses a JSON answer over 1 KB and leaves a small one as it is", async () => {
    const url = "/api/restaurants/usage?limit=100";
    const plain = await t.app.inject({ url, headers: { cookie: viewer } });
    expect(plain.statusCode).toBe(200);
    expect(plain.body.length).toBeGreaterThan(1024);
    const gz = await t.app.inject({ url, headers: { cookie: viewer, "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString()).data).toEqual(plain.json().data);
    const br = await t.app.inject({ url: "/api/integrations/usage", headers: { cookie: viewer, "accept-encoding": "br, gzip" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString()).integrations.length).toBeGreaterThanOrEqual(4);
    const small = await t.app.inject({ url: "/healthz", headers: { "accept-encoding": "br, gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.json()).toEqual({ ok: true });
  });
});
