import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, TEST_DATABASES, TEST_PASSWORD, type TestApp } from "../helpers/app";

describe.each(TEST_DATABASES)("sessions and sign-in (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, headers });

  it("signs in with an HttpOnly, SameSite session cookie and says who is signed in", async () => {
    const res = await login("support@example.com", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies[0];
    expect(cookie).toMatchObject({ name: "uc_session", httpOnly: true, sameSite: "Strict", path: "/" });
    const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: `uc_session=${cookie.value}` } });
    expect(me.json()).toMatchObject({ email: "support@example.com", roles: ["support"], permissions: ["integration:Read", "integration:Renew"] });
    expect(JSON.stringify(me.json())).not.toMatch(/password|hash/i);
  });

  it("binds the owner to their restaurant", async () => {
    const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: await t.login("owner") } });
    expect(me.json().restaurantId).toBeTruthy();
  });

  it("refuses a wrong password in words, and audits it", async () => {
    const res = await login("viewer@example.com", "wrong");
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe("Email or password is wrong.");
    const audit = await t.app.inject({ url: "/api/audit-logs?action=auth.login&outcome=failure", headers: { cookie: await t.login("admin") } });
    expect(audit.json().some((e: { target: string }) => e.target === "user:viewer@example.com")).toBe(true);
  });

  it("names the field of a malformed sign-in with 422", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "not-an-email" } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(["email", "password"]);
  });

  it("throttles repeated failures with 429 and Retry-After, even for the right password", async () => {
    for (let i = 0; i < 5; i++) expect((await login("editor@example.com", `nope-${i}`)).statusCode).toBe(401);
    const locked = await login("editor@example.com", TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.json().error.message).toMatch(/Too many failed sign-ins/);
  });

  it("ends the session on logout", async () => {
    const res = await login("admin@example.com", TEST_PASSWORD);
    const cookie = `uc_session=${res.cookies[0].value}`;
    expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("refuses writes from another site and bodies that are not JSON", async () => {
    const cookie = await t.login("admin");
    const foreign = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie, origin: "https://evil.example" } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe("cross_origin");
    const form = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "text/plain" }, payload: "email=a" });
    expect(form.statusCode).toBe(415);
  });

  it("answers a broken JSON body with 400, not 500", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "content-type": "application/json" }, payload: "{oops" });
    expect(res.statusCode).toBe(400);
    expect(res.json().requestId).toBeTruthy();
  });
});

describe("idle sessions", () => {
  it("expire after SESSION_IDLE_MINUTES", async () => {
    const t = await startTestApp({ env: { SESSION_IDLE_MINUTES: "1" } });
    try {
      const cookie = await t.login("viewer");
      await t.db
        .updateTable("sessions")
        .set({ last_seen_at: new Date(Date.now() - 2 * 60_000).toISOString() })
        .execute();
      expect((await t.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(401);
      expect(await t.db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});

describe.each(TEST_DATABASES)("session lifetimes, to the second (%s)", (database) => {
  // Only Date is faked: the server's own timers run as usual.
  afterEach(() => vi.useRealTimers());
  const at = (ms: number) => vi.setSystemTime(start + ms);
  let start = 0;

  it("keep a session in use alive past SESSION_IDLE_MINUTES, and end it one idle period after its last use", async () => {
    const t = await startTestApp({ database, env: { SESSION_IDLE_MINUTES: "1" } });
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      start = Date.now();
      const cookie = await t.login("viewer");
      const me = () => t.app.inject({ url: "/api/auth/me", headers: { cookie } }).then((r) => r.statusCode);
      for (const s of [15, 30, 45, 60, 75]) {
        at(s * 1000);
        expect(await me(), `in use at ${s} s`).toBe(200);
      }
      at(75_000 + 59_000);
      expect(await me()).toBe(200);
      at(75_000 + 59_000 + 61_000);
      expect(await me()).toBe(401);
    } finally {
      await t.close();
    }
  });

  it("end a session SESSION_MAX_HOURS after sign-in however active, and prune ended sessions", async () => {
    const t = await startTestApp({ database, env: { SESSION_MAX_HOURS: "1" } });
    try {
      vi.useFakeTimers({ toFake: ["Date"] });
      start = Date.now();
      const cookie = await t.login("viewer");
      const me = () => t.app.inject({ url: "/api/auth/me", headers: { cookie } }).then((r) => r.statusCode);
      for (const minutes of [20, 40, 59]) {
        at(minutes * 60_000);
        expect(await me()).toBe(200);
      }
      at(61 * 60_000);
      expect(await me()).toBe(401);
      // A session nobody comes back to is deleted by the pruning job.
      await t.login("support");
      at(3 * 3600_000);
      const { Sessions } = await import("../../src/server/auth/sessions");
      expect(await new Sessions(t.db, "x".repeat(32), 60 * 60_000, 3600_000).prune()).toBeGreaterThan(0);
      expect(await t.db.selectFrom("sessions").selectAll().execute()).toHaveLength(0);
    } finally {
      await t.close();
    }
  });
});

describe("demo users", () => {
  it("are refused next to a real upstream while their password is the default one", async () => {
    await expect(
      startTestApp({ env: { DEMO_USERS: "1", DEMO_PASSWORD: "demo", IMAI_API_BASE_URL: "http://127.0.0.1:9/", IMAI_API_KEY: "k-1234" } }),
    ).rejects.toThrow(/DEMO_PASSWORD/);
    const t = await startTestApp({
      env: { DEMO_USERS: "1", DEMO_PASSWORD: "a-long-one-8c1f", IMAI_API_BASE_URL: "http://127.0.0.1:9/", IMAI_API_KEY: "k-1234" },
    });
    await t.close();
  });

  it("are listed on the sign-in page without any password", async () => {
    const t = await startTestApp();
    try {
      const config = await t.app.inject({ url: "/api/auth/config" });
      expect(config.json().demo.users.length).toBeGreaterThan(0);
      expect(Object.keys(config.json().demo)).toEqual(["users"]);
      expect(config.body).not.toMatch(/password/i);
      expect(t.logs.join("")).toMatch(/Demo users exist/);
    } finally {
      await t.close();
    }
  });
});

describe("client addresses", () => {
  it("take the last untrusted hop with TRUST_PROXY as a hop count or a list of proxies, so a client cannot pick its own", async () => {
    // The client sent "198.51.100.66" itself; the one proxy appended the address it saw.
    const forwarded = "198.51.100.66, 203.0.113.7";
    for (const trust of ["1", "127.0.0.1"]) {
      const t = await startTestApp({ env: { TRUST_PROXY: trust } });
      try {
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "admin@example.com", password: "x" },
          headers: { "x-forwarded-for": forwarded },
        });
        const row = await t.db.selectFrom("audit_log").select("ip").where("outcome", "=", "failure").executeTakeFirstOrThrow();
        expect(row.ip, `TRUST_PROXY=${trust}`).toBe("203.0.113.7");
      } finally {
        await t.close();
      }
    }
  });

  it("ignore X-Forwarded-For unless TRUST_PROXY is set, so the sign-in throttle cannot be dodged", async () => {
    for (const [trust, expected] of [
      ["0", "127.0.0.1"],
      ["1", "203.0.113.7"],
    ] as const) {
      const t = await startTestApp({ env: { TRUST_PROXY: trust } });
      try {
        await t.app.inject({
          method: "POST",
          url: "/api/auth/login",
          payload: { email: "admin@example.com", password: "x" },
          headers: { "x-forwarded-for": "203.0.113.7" },
        });
        const audit = (await t.app.inject({ url: "/api/audit-logs", headers: { cookie: await t.login("admin") } })).json() as Array<{
          ip: string;
          outcome: string;
        }>;
        expect(audit.find((e) => e.outcome === "failure")?.ip).toBe(expected);
      } finally {
        await t.close();
      }
    }
  });
});
