import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestApp } from "../helpers/app";

describe("npm run user:add", () => {
  const dir = mkdtempSync(join(tmpdir(), "uc-user-"));
  const url = `sqlite:${join(dir, "console.sqlite")}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (...args: string[]) =>
    spawnSync("node_modules/.bin/tsx", ["src/server/cli/user-add.ts", ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });

  it("creates a user who can then sign in with that role", async () => {
    const out = cli("--email", "Nina@Example.com", "--password", "correct horse", "--role", "support", "--name", "Nina");
    expect(out.status, out.stderr).toBe(0);
    const t = await startTestApp({ env: { DATABASE_URL: url, DEMO_USERS: "0", IMAI_API_BASE_URL: "http://127.0.0.1:9/" } });
    try {
      const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "nina@example.com", password: "correct horse" } });
      expect(login.statusCode).toBe(200);
      const me = await t.app.inject({ url: "/api/auth/me", headers: { cookie: `uc_session=${login.cookies[0].value}` } });
      expect(me.json()).toMatchObject({ email: "nina@example.com", name: "Nina", roles: ["support"] });
      // Outside demo mode, no demo user exists.
      const demo = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "admin@example.com", password: "demo" } });
      expect(demo.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it("names what is wrong with the arguments", () => {
    const out = cli("--email", "nope", "--password", "x", "--role", "god");
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/--email must be an email address/);
    expect(out.stderr).toMatch(/--role must be one of admin, support, viewer, editor, owner/);
  });
});
