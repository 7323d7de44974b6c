import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_PASSWORD, type TestApp } from "../helpers/app";

/** One raw HTTP exchange, so that Node's own refusals (431, 414) are seen as a client sees them. */
function raw(base: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${options.path}`, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const shaped = (body: string) => {
  const json = JSON.parse(body);
  expect(json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  return json;
};

describe("the edge: every error in the error shape, bounded input, headers", () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    admin = await t.login("admin");
  });
  afterAll(() => t.close());

  it("answers JSON nested 8,000 deep with a clear 413 or 422, not a stack overflow (login, renew, key create)", async () => {
    const deep = `${"[".repeat(8000)}${"]".repeat(8000)}`;
    for (const url of ["/api/auth/login", "/api/restaurants/usage/r1/renew", "/api/api-keys/keys"]) {
      const res = await t.app.inject({
        method: "POST",
        url,
        headers: { cookie: admin, "content-type": "application/json", "idempotency-key": "deep-1" },
        payload: deep,
      });
      expect([413, 422], `${url}: ${res.body}`).toContain(res.statusCode);
      expect(res.json().error.message).toMatch(/nested/);
    }
  });

  it("answers a malformed URL, a long parameter and oversized headers in the error shape", async () => {
    const badUrl = await raw(base, { path: "/api/restaurants/usage/%zz" });
    expect(badUrl.status).toBe(400);
    shaped(badUrl.body);

    const longParam = await raw(base, { path: `/api/restaurants/usage/${"a".repeat(2000)}`, headers: { cookie: admin } });
    expect(longParam.status).toBe(414);
    shaped(longParam.body);

    const bigHeader = await raw(base, { path: "/api/auth/me", headers: { "x-filler": "a".repeat(40_000) } });
    expect(bigHeader.status).toBe(431);
    shaped(bigHeader.body);
  });

  it("answers a 10 MB body with a readable 413", async () => {
    const res = await raw(base, {
      method: "POST",
      path: "/api/auth/login",
      headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) },
      body: Buffer.alloc(10 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
    shaped(res.body);
  });

  it("answers an unknown route and an unsupported type in the error shape", async () => {
    const missing = await t.app.inject({ url: "/api/nope", headers: { cookie: admin } });
    expect(missing.statusCode).toBe(404);
    shaped(missing.body);
    const form = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "a=b",
    });
    expect(form.statusCode).toBe(415);
    shaped(form.body);
  });

  it("sends no-store on the API and the security headers on pages", async () => {
    const api = await t.app.inject({ url: "/api/auth/me", headers: { cookie: admin } });
    expect(api.headers["cache-control"]).toBe("no-store");
    const page = await t.app.inject({ url: "/integrations" });
    expect((await t.app.inject({ method: "HEAD", url: "/integrations" })).headers["content-type"]).toMatch(/text\/html/);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    expect(String(page.headers["content-security-policy"])).toMatch(/frame-ancestors 'none'/);
    expect(String(page.headers["content-security-policy"])).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers["strict-transport-security"]).toBeUndefined();
  });

  it("matches the Origin exactly: scheme, host and port", async () => {
    // A sign-in with no password: 422 once past the Origin check, 403 when refused by it.
    const post = (origin: string) => t.app.inject({ method: "POST", url: "/api/auth/login", headers: { origin, host: "console.example:3000" }, payload: {} });
    expect((await post("https://console.example:3000")).statusCode).toBe(403);
    expect((await post("http://console.example:4000")).statusCode).toBe(403);
    expect((await post("http://console.example:3000")).statusCode).toBe(422);
  });

  it("clears the session cookie on logout with the flags it was set with", async () => {
    const signedIn = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "viewer@example.com", password: TEST_PASSWORD } });
    const cookie = `uc_session=${signedIn.cookies[0].value}`;
    const res = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    const cleared = String(res.headers["set-cookie"]);
    expect(cleared).toMatch(/HttpOnly/);
    expect(cleared).toMatch(/SameSite=Strict/);
  });

  it("treats % and _ in the audit log's email filter as themselves", async () => {
    const viewer = await t.app.inject({ url: "/api/audit-logs?actor_email_like=%25", headers: { cookie: admin } });
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json()).toEqual([]);
  });
});

describe("writes and sign-ins are rate limited", () => {
  it("refuses the write past WRITE_RATE_PER_MINUTE with 429 in the error shape, and leaves reads alone", async () => {
    const t = await startTestApp({ env: { WRITE_RATE_PER_MINUTE: "3" } });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nobody@example.com", password: "x" } }));
      expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
      expect(answers[3].json().error.code).toBe("rate_limited");
      expect(Number(answers[3].headers["retry-after"])).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) expect((await t.app.inject({ url: "/api/auth/config" })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe("the edge over HTTPS", () => {
  it("sends HSTS when COOKIE_SECURE is set", async () => {
    const t = await startTestApp({ env: { COOKIE_SECURE: "1" } });
    try {
      const page = await t.app.inject({ url: "/integrations" });
      expect(page.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    } finally {
      await t.close();
    }
  });
});
