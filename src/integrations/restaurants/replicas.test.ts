import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL, TEST_PASSWORD } from "../../../tests/helpers/app";
import { type BuiltApp, buildApp } from "../../server/app";
import { BFF, type UsageListResponse } from "./api";
import { SIMULATOR_BOT_API_KEY, SIMULATOR_DASHBOARD_PAT, startRestaurantsSimulator } from "./simulator";
import { SIM_RESTAURANTS } from "./simulator-data";

async function sql(text: string) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// Two replicas behind a load balancer: one PostgreSQL schema, one upstream, a cache each.
describe("restaurants on two replicas", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let sim: Awaited<ReturnType<typeof startRestaurantsSimulator>>;
  let a: BuiltApp;
  let b: BuiltApp;
  let cookie: string;

  beforeAll(async () => {
    await sql(`create schema "${schema}"`);
    sim = await startRestaurantsSimulator();
    const env = {
      DATABASE_URL: POSTGRES_URL,
      STATIC_DIR: "dist",
      DEMO_USERS: "1",
      DEMO_PASSWORD: TEST_PASSWORD,
      LOG_LEVEL: "silent",
      SESSION_SECRET: "test-session-secret-0123456789abcdef",
      UPSTREAM_CACHE_TTL_S: "300",
      RESTAURANT_API_BASE_URL: sim.url,
      BOT_API_KEY: SIMULATOR_BOT_API_KEY,
      DASHBOARD_PAT: SIMULATOR_DASHBOARD_PAT,
    };
    a = await buildApp({ env, dbSchema: schema });
    b = await buildApp({ env, dbSchema: schema });
    const login = await a.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "support@example.com", password: TEST_PASSWORD } });
    cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sim?.close();
    await sql(`drop schema if exists "${schema}" cascade`);
  });

  const row = async (app: BuiltApp) => {
    const list = (await app.app.inject({ url: `/api${BFF.list}?limit=100`, headers: { cookie } })).json() as UsageListResponse;
    return list.data.data.find((r) => r.restaurantId === SIM_RESTAURANTS.nearQuota.id)!;
  };

  it("shows a renewal made on one replica on the other at once, not when its cache expires", async () => {
    expect((await row(b)).allowance.monthlyLimit).toBe(1000);
    expect((await b.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie } })).json().data.count).toBeGreaterThan(0);
    const countBefore = (await b.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie } })).json().data.count;

    const renewed = await a.app.inject({
      method: "POST",
      url: `/api${BFF.renew(SIM_RESTAURANTS.nearQuota.id)}`,
      headers: { cookie, "idempotency-key": "replica-test-1" },
      payload: { amount: 1000, reason: "replicas" },
    });
    expect(renewed.statusCode).toBe(200);

    expect((await row(b)).allowance.monthlyLimit).toBe(2000);
    expect((await b.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie } })).json().data.count).toBe(countBefore - 1);
  });

  it("replays the answer on the other replica for the same Idempotency-Key", async () => {
    const send = (app: BuiltApp) =>
      app.app.inject({
        method: "POST",
        url: `/api${BFF.renew(SIM_RESTAURANTS.owner.id)}`,
        headers: { cookie, "idempotency-key": "replica-test-2" },
        payload: { amount: 10, reason: "twice" },
      });
    const before = sim.control.count("POST /api/admin/usage/:restaurantId/renew");
    const [first, second] = await Promise.all([send(a), send(b)]);
    expect(first.body).toBe(second.body);
    expect(sim.control.count("POST /api/admin/usage/:restaurantId/renew") - before).toBe(1);
  });
});
