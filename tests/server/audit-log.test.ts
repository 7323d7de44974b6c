import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, type TestApp } from "../helpers/app";

describe.each(TEST_DATABASES)("GET /api/audit-logs (%s)", (database) => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp({ database });
    cookie = await t.login("admin");
    await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "viewer@example.com", password: "nope" } });
    await t.login("viewer");
  });
  afterAll(() => t.close());

  const get = (query: string) => t.app.inject({ url: `/api/audit-logs?${query}`, headers: { cookie } });

  it("lists newest first with x-total-count, in simple-rest's conventions", async () => {
    const res = await get("_start=0&_end=2&_sort=id&_order=desc");
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers["x-total-count"])).toBe(3);
    const rows = res.json();
    expect(rows).toHaveLength(2);
    expect(rows[0].id).toBeGreaterThan(rows[1].id);
    expect(rows[0]).toMatchObject({ action: "auth.login", outcome: "success", actor_email: "viewer@example.com" });
  });

  it("filters by action, outcome and date range", async () => {
    const failures = await get("action=auth.login&outcome=failure");
    expect(failures.json()).toHaveLength(1);
    const future = await get(`at_gte=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect(future.json()).toHaveLength(0);
    expect(future.headers["x-total-count"]).toBe("0");
    const past = await get(`at_lte=${encodeURIComponent(new Date().toISOString())}`);
    expect(past.json()).toHaveLength(3);
  });

  it("lists the actions for the filter", async () => {
    expect((await t.app.inject({ url: "/api/audit-logs/actions", headers: { cookie } })).json()).toEqual(["auth.login"]);
  });

  it("answers 422 naming the parameter for a bad query", async () => {
    const res = await get("_sort=password&_start=-1");
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["_sort", "_start"]));
  });

  it("is closed to support", async () => {
    expect((await t.app.inject({ url: "/api/audit-logs", headers: { cookie: await t.login("support") } })).statusCode).toBe(403);
  });
});
