import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { resolve } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_URL } from "../../../tests/helpers/app";
import type { ApiKeysTables } from "./db";
import { SIMULATOR_APIKEYS_TOKEN, startApiKeysSimulator } from "./simulator";

const TSX = resolve("node_modules/.bin/tsx");
const REPLICA = resolve("src/integrations/api-keys/replica-process.ts");

/** Two server processes on one PostgreSQL schema, one upstream, a sync every second. */
describe("two replicas (two processes) on one PostgreSQL", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let sim: Awaited<ReturnType<typeof startApiKeysSimulator>>;
  const children: ChildProcess[] = [];
  let db: Kysely<ApiKeysTables>;

  beforeAll(async () => {
    await admin(async (c) => {
      await c.query(`create schema "${schema}"`);
      // Kysely's migrator looks for its own tables in every schema; made here, it finds them in this one.
      await c.query(`create table "${schema}".kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`);
      await c.query(`create table "${schema}".kysely_migration_lock (id varchar(255) not null primary key, is_locked integer not null default 0)`);
    });
    sim = await startApiKeysSimulator({ days: 10, arrivalMs: 200 });
    const env = {
      ...process.env,
      DATABASE_URL: POSTGRES_URL,
      REPLICA_DB_SCHEMA: schema,
      SESSION_SECRET: "test-session-secret-0123456789abcdef",
      APIKEYS_API_BASE_URL: sim.url,
      APIKEYS_SERVICE_TOKEN: SIMULATOR_APIKEYS_TOKEN,
      APIKEYS_SYNC_INTERVAL_S: "1",
      LOG_LEVEL: "error",
    };
    // A rolling start: the second starts once the first has migrated.
    for (let i = 0; i < 2; i++) {
      const child = spawn(TSX, [REPLICA], { env, stdio: ["ignore", "pipe", "inherit"] });
      children.push(child);
      await new Promise<void>((ready, fail) => {
        child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && ready());
        child.once("exit", (code) => fail(new Error(`replica ${i} exited with ${code}`)));
      });
    }
    db = new Kysely<ApiKeysTables>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` }) }),
    });
  });

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    }
    await db?.destroy();
    await sim?.close();
    await admin((c) => c.query(`drop schema if exists "${schema}" cascade`));
  });

  it("runs the scheduled sync once per interval, whichever replica claims it, and deducts each task once", async () => {
    const resetAt = new Date().toISOString();
    sim.control.reset();
    await new Promise((r) => setTimeout(r, 4_500));
    const runs = await db.selectFrom("api_keys_sync_runs").selectAll().where("trigger", "=", "scheduled").orderBy("slot").execute();
    const slots = runs.map((r) => Number(r.slot));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(new Set(slots).size).toBe(slots.length);
    // The replica that lost an interval's claim did nothing: the upstream saw one key listing a run.
    // (Two replicas both syncing would make it twice the runs; one run may straddle the reset.)
    const since = runs.filter((r) => r.started_at >= resetAt).length;
    expect(sim.control.count("GET /api/v1/api-keys")).toBeGreaterThanOrEqual(since - 1);
    expect(sim.control.count("GET /api/v1/api-keys")).toBeLessThanOrEqual(since + 1);
    expect(runs.every((r) => r.ok === 1 || r.finished_at === null)).toBe(true);

    const ledger = await db.selectFrom("api_keys_credit_ledger").select("task_id").where("kind", "=", "deduction").execute();
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
