import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../../../tests/helpers/app";
import { buildApp, type BuiltApp } from "../../server/app";
import { tables } from "./db";
import { apiKeysServer } from "./server";
import { SIMULATOR_APIKEYS_TOKEN, startApiKeysSimulator } from "./simulator";

const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

/** Two replicas (two server instances, each with its own pool) on one PostgreSQL schema, one upstream. */
describe("two replicas on one PostgreSQL", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let sim: Awaited<ReturnType<typeof startApiKeysSimulator>>;
  const replicas: BuiltApp[] = [];

  beforeAll(async () => {
    await admin((c) => c.query(`create schema "${schema}"`));
    sim = await startApiKeysSimulator({ days: 10, arrivalMs: 200 });
    const env = {
      DATABASE_URL: POSTGRES_URL,
      SESSION_SECRET: "test-session-secret-0123456789abcdef",
      APIKEYS_API_BASE_URL: sim.url,
      APIKEYS_SERVICE_TOKEN: SIMULATOR_APIKEYS_TOKEN,
      APIKEYS_SYNC_INTERVAL_S: "1",
      LOG_LEVEL: "warn",
    };
    // Migrations run one replica at a time, as a rolling start would; the jobs start at once.
    for (let i = 0; i < 2; i++) replicas.push(await buildApp({ env, integrations: [apiKeysServer], dbSchema: schema, jobs: true, logStream: quiet() }));
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await sim.close();
    await admin((c) => c.query(`drop schema "${schema}" cascade`));
  });

  it("runs the scheduled sync once per interval, whichever replica claims it, and deducts each task once", async () => {
    await new Promise((r) => setTimeout(r, 4_500));
    const runs = await tables(replicas[0].db).selectFrom("api_keys_sync_runs").selectAll().where("trigger", "=", "scheduled").orderBy("slot").execute();
    const slots = runs.map((r) => Number(r.slot));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    // The replica that lost an interval's claim did nothing: the upstream saw one key listing a run.
    expect(sim.control.count("GET /api/v1/api-keys")).toBe(runs.length);
    expect(runs.every((r) => r.ok === 1 || r.finished_at === null)).toBe(true);

    const db = tables(replicas[1].db);
    const ledger = await db.selectFrom("api_keys_credit_ledger").select(["task_id"]).where("kind", "=", "deduction").execute();
    expect(new Set(ledger.map((l) => l.task_id)).size).toBe(ledger.length);
    const completed = await db.selectFrom("api_keys_tasks").select("id").where("status", "=", "completed").execute();
    expect(ledger.length).toBe(completed.length);
  });
});

async function admin(fn: (c: pg.Client) => Promise<unknown>) {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}
