import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_RECHECK_MS } from "../../src/server/auth/sessions";
import { startTestApp, type TestApp } from "../helpers/app";

/** Two replicas on one database: each remembers a session for a moment, never past SESSION_RECHECK_MS. */
describe("a session revoked on one replica", () => {
  let dir: string;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "uc-replicas-"));
    const env = { DATABASE_URL: `sqlite:${join(dir, "shared.sqlite")}` };
    a = await startTestApp({ env });
    b = await startTestApp({ env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => vi.useRealTimers());

  it("is refused on the other within a second (SESSION_RECHECK_MS), and on its own at once", async () => {
    expect(SESSION_RECHECK_MS).toBeLessThan(1000);
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = await a.login("viewer");
    const me = (t: TestApp) => t.app.inject({ url: "/api/auth/me", headers: { cookie } }).then((r) => r.statusCode);
    expect(await me(a)).toBe(200);
    expect(await me(b)).toBe(200);
    expect((await a.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } })).statusCode).toBeLessThan(300);
    expect(await me(a)).toBe(401);
    vi.setSystemTime(Date.now() + SESSION_RECHECK_MS);
    expect(await me(b)).toBe(401);
  });

  it("with its user removed is refused within SESSION_RECHECK_MS too", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const cookie = (
      await a.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "support@example.com", password: "test-demo-password" } })
    ).cookies
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    expect((await b.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(200);
    await a.db.deleteFrom("sessions").execute();
    vi.setSystemTime(Date.now() + SESSION_RECHECK_MS);
    expect((await b.app.inject({ url: "/api/auth/me", headers: { cookie } })).statusCode).toBe(401);
  });
});
