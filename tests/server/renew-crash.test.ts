import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { BFF } from "../../src/integrations/restaurants/api";
import { intentsOf } from "../../src/integrations/restaurants/intents";
import { OUTCOME_UNKNOWN } from "../../src/integrations/restaurants/reconcile";
import { RENEW_ACTION } from "../../src/integrations/restaurants/renew";
import { SIMULATOR_BOT_API_KEY, startRestaurantsSimulator } from "../../src/integrations/restaurants/simulator";
import { monthKey, renew as topUp } from "../../src/integrations/restaurants/simulator-data";
import { createDb, type Db } from "../../src/server/db/database";
import { POSTGRES_URL, TEST_DATABASES, TEST_PASSWORD } from "../helpers/app";

const SERVER = resolve("src/integrations/restaurants/server-process.ts");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const AMOUNT = 100;
const N = 40;

/**
 * The crash of issue 10, for real: a server process with 40 renewals (distinct keys) in flight
 * against a slow upstream is killed with SIGKILL at 250 ms and restarted on the same database.
 * Then the upstream's applied total, the audit log and retries of the same keys must agree: none
 * applied twice, every applied one audited, the undecidable one "outcome unknown — check" until resolved.
 */
describe.each(TEST_DATABASES)("renewals across a crash (%s)", (database) => {
  const dir = mkdtempSync(join(tmpdir(), "renew-crash-"));
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const children: ChildProcess[] = [];
  let sim: Awaited<ReturnType<typeof startRestaurantsSimulator>> | undefined;
  let db: Db | undefined;

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await db?.destroy();
    await sim?.close();
    if (database === "postgres") await admin(`drop schema if exists "${schema}" cascade`);
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies each renewal once, audits every applied one, and says what it cannot decide", { timeout: 120_000 }, async () => {
    if (database === "postgres") {
      await admin(`create schema "${schema}"`);
      await admin(`create table "${schema}".kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`);
      await admin(`create table "${schema}".kysely_migration_lock (id varchar(255) not null primary key, is_locked integer not null default 0)`);
    }
    const url = database === "postgres" ? POSTGRES_URL : `sqlite:${join(dir, "console.sqlite")}`;
    sim = await startRestaurantsSimulator();
    const control = sim.control;
    const env = {
      ...process.env,
      DATABASE_URL: url,
      REPLICA_DB_SCHEMA: database === "postgres" ? schema : "",
      RESTAURANT_API_BASE_URL: sim.url,
      BOT_API_KEY: SIMULATOR_BOT_API_KEY,
      DEMO_USERS: "1",
      DEMO_PASSWORD: TEST_PASSWORD,
      SESSION_SECRET: "test-session-secret-0123456789abcdef",
      UPSTREAM_TIMEOUT_MS: "1000",
      WRITE_RATE_PER_MINUTE: "100000",
      LOG_LEVEL: "error",
    };
    const start = async () => {
      // Node itself with tsx's loader: one process, so SIGKILL kills the server (the tsx CLI would leave its child running).
      const child = spawn(process.execPath, ["--import", "tsx", SERVER], { env, stdio: ["ignore", "pipe", "inherit"] });
      children.push(child);
      const port = await new Promise<string>((ready, fail) => {
        child.stdout!.on("data", (chunk: Buffer) => {
          const m = /ready (\d+)/.exec(chunk.toString());
          if (m) ready(m[1]);
        });
        child.once("exit", (code) => fail(new Error(`server exited with ${code}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const login = async (role: string) => {
        const res = await fetch(`${base}/api/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body: JSON.stringify({ email: `${role}@example.com`, password: TEST_PASSWORD }),
        });
        expect(res.status).toBe(200);
        return res.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
      };
      const support = await login("support");
      const renew = (id: string, key: string, cookie = support) =>
        fetch(`${base}${"/api"}${BFF.renew(id)}`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: base, cookie, "idempotency-key": key },
          body: JSON.stringify({ amount: AMOUNT, reason: "crash test" }),
        });
      return { child, base, renew, login };
    };

    // 40 restaurants with a plan (an unlimited one has no top-ups to see), one renewal each.
    const now = control.now();
    const targets = [...control.restaurants.values()].filter((r) => r.planLimit !== -1).slice(0, N);
    expect(targets).toHaveLength(N);
    const before = new Map(targets.map((r) => [r.id, r.adjustments.get(monthKey(now)) ?? 0]));
    const keys = targets.map((_, i) => `crash-${database}-${i}-${randomBytes(4).toString("hex")}`);
    // Half are applied at once and answered after 500 ms; half wait 2 s, by when their caller is dead.
    let call = 0;
    control.renewDelays = () => (call++ % 2 === 0 ? { applyMs: 30, answerMs: 500 } : { applyMs: 2_000, answerMs: 0 });

    const first = await start();
    // Warm the fresh process (upstream connections, database pool), so 250 ms means requests in flight, not start-up.
    const reader = await first.login("viewer");
    for (const r of targets.slice(0, 10)) await fetch(`${first.base}/api${BFF.detail(r.id)}`, { headers: { cookie: reader } });
    const inFlight = targets.map((r, i) =>
      first.renew(r.id, keys[i]).then(
        (res) => res.status,
        () => "killed",
      ),
    );
    await sleep(250);
    first.child.kill("SIGKILL");
    const firstAnswers = await Promise.all(inFlight);
    await sleep(2_500); // the slow ones see their caller gone and do nothing
    const appliedAtKill = control.applied / AMOUNT;
    control.renewDelays = () => ({ applyMs: 0, answerMs: 0 });
    db = createDb(url, { schema: database === "postgres" ? schema : undefined });
    const intents = intentsOf(db);
    const pending = await intents.selectFrom("restaurants_renewal_intents").select(["restaurant_id"]).where("state", "=", "pending").orderBy("id").execute();
    const pendingAfterKill = pending.length;
    // Someone else tops up a restaurant whose renewal was in flight: that one can no longer be decided from the figures.
    const oddIndex = targets.findIndex((r) => r.id === pending[0].restaurant_id);
    const odd = targets[oddIndex];
    topUp(odd, 7, control.now());
    const audits = () => db!.selectFrom("audit_log").selectAll().where("action", "=", RENEW_ACTION).execute();
    const auditedBeforeRestart = (await audits()).length;

    const second = await start();
    // The restarted server checks what the dead one left, without any retry: wait for it.
    for (let i = 0; i < 60; i++) {
      const left = await intents.selectFrom("restaurants_renewal_intents").select("id").where("state", "=", "pending").execute();
      if (left.length === 0) break;
      await sleep(500);
    }
    const states = await intents.selectFrom("restaurants_renewal_intents").select(["restaurant_id", "state"]).execute();
    const count = (s: string) => states.filter((x) => x.state === s).length;
    const grown = (id: string) => (control.restaurants.get(id)!.adjustments.get(monthKey(control.now())) ?? 0) - before.get(id)! - (id === odd.id ? 7 : 0);
    const appliedUpstream = targets.filter((r) => grown(r.id) === AMOUNT).map((r) => r.id);
    const afterCheck = await audits();
    const audited = (id: string, outcome: string) => afterCheck.filter((a) => a.target === id && a.outcome === outcome).length;

    // Every renewal the upstream applied is in the audit log (the undecidable one as "unknown").
    for (const id of appliedUpstream) expect(audited(id, id === odd.id ? "unknown" : "success"), id).toBe(1);
    expect(audited(odd.id, "unknown")).toBe(1);
    expect(count("pending")).toBe(0);

    // Retries of the same 40 keys: the applied ones replay, the others renew now, the unknown one answers 409.
    const retries = await Promise.all(targets.map((r, i) => second.renew(r.id, keys[i])));
    const statuses = retries.map((r) => r.status);
    const unknownAnswer = await retries[oddIndex].json();
    expect(retries[oddIndex].status).toBe(409);
    expect(unknownAnswer.error.message).toBe(OUTCOME_UNKNOWN);
    expect(statuses.filter((s) => s === 200)).toHaveLength(N - 1);
    const history = await (await fetch(`${second.base}/api${BFF.renewals(odd.id)}`, { headers: { cookie: await second.login("viewer") } })).json();
    expect(history.data[0]).toMatchObject({ outcome: "unknown", error: OUTCOME_UNKNOWN });

    // A person checks the figures and resolves it; then the key answers what happened.
    const wasApplied = grown(odd.id) === AMOUNT;
    const admin_ = await second.login("admin");
    const resolved = await fetch(`${second.base}/api${BFF.resolve(odd.id, keys[oddIndex])}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: second.base, cookie: admin_ },
      body: JSON.stringify({ applied: wasApplied }),
    });
    expect(resolved.status).toBe(200);
    const again = await Promise.all(targets.map((r, i) => second.renew(r.id, keys[i])));
    expect(again.map((r) => r.status)).toEqual(Array(N).fill(200));

    // Exactly once each, upstream and in the audit log.
    for (const r of targets) expect(grown(r.id), r.id).toBe(AMOUNT);
    const final = await audits();
    const successes = final.filter((a) => a.outcome === "success");
    for (const r of targets)
      expect(
        successes.filter((a) => a.target === r.id),
        r.id,
      ).toHaveLength(1);
    const counts = {
      database,
      sent: N,
      answeredBeforeKill: firstAnswers.filter((s) => s !== "killed").length,
      appliedUpstreamAtKill: appliedAtKill,
      pendingAfterKill,
      auditedBeforeRestart,
      reconciledApplied: count("applied"),
      reconciledNotApplied: count("not_applied"),
      unknown: states.filter((s) => s.state === "unknown").length,
      retryStatuses: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
      upstreamAppliedTotal: control.applied / AMOUNT,
      auditSuccessRows: successes.length,
      appliedTwice: targets.filter((r) => grown(r.id) > AMOUNT).length,
    };
    console.log(`renew crash counts: ${JSON.stringify(counts)}`);
    expect(control.applied / AMOUNT).toBe(N);
  });
});

async function admin(query: string) {
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}
