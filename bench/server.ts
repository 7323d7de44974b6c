import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon, { type Result } from "autocannon";
import { type BenchResult, type BenchSuite, benchOptions, round } from "./lib";
import { freePort, rssMb, startBare, startConsole, stop } from "./processes";

const suite = "http";

/** Cached reads and their target share of the bare route's rate (issue 11). */
const READS = [
  { name: "/api/integrations/usage", path: "/api/integrations/usage", bare: "overview", share: 0.25, p99: 25 },
  { name: "/api/restaurants/usage", path: "/api/restaurants/usage", bare: "restaurants", share: 0.4 },
];

/** What a signed-in admin's pages read, in turn: the mixed load of the memory figure. */
const MIXED = [
  "/api/integrations/usage",
  "/api/restaurants/usage",
  "/api/restaurants/usage?limit=50&offset=50",
  "/api/restaurants/usage/alerts",
  "/api/pax8/subscriptions",
  "/api/api-keys/keys",
  "/api/api-keys/credits",
  "/api/auth/me",
  "/api/audit-logs?_start=0&_end=20",
];

const load = (url: string, connections: number, duration: number, headers: Record<string, string> = {}, paths?: string[]) =>
  autocannon({ url, connections, duration, headers, ...(paths ? { requests: paths.map((path) => ({ path })) } : {}) });

/** Signs a demo user in; the Cookie header to send. */
async function signIn(base: string, role: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `${role}@example.com`, password: "demo" }),
  });
  if (!login.ok) throw new Error(`sign-in as ${role} failed: ${login.status} ${await login.text()}`);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const summary = (r: Result) => `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""}`;

/**
 * The compiled server as `npm start` runs it (already built): start-up time to /readyz; cached
 * reads with 50 connections against a bare Fastify route answering the same bytes in the same run;
 * resident memory after mixed reads at 20 connections.
 */
const run: BenchSuite = async () => {
  const { duration, rssSeconds } = benchOptions();
  const results: BenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), "uc-bench-"));
  const port = await freePort();
  const env = { DATABASE_URL: `sqlite:${join(dir, "bench.sqlite")}`, LOG_LEVEL: "warn", SESSION_SECRET: "bench-session-secret-0123456789abcdef" };
  const { child, startupMs } = await startConsole(port, env);
  const base = `http://127.0.0.1:${port}`;
  let bare: Awaited<ReturnType<typeof startBare>> | undefined;
  try {
    results.push({
      suite,
      name: "start-up: npm start (built) → /readyz",
      value: round(startupMs, 0),
      unit: "ms",
      note: "spawn to first 200, polled every 10 ms",
    });

    // A viewer reads the cached figures (as in the issue's measurements); an admin's pages make the mixed load.
    const headers = { cookie: await signIn(base, "viewer") };

    // The same bytes for the yardstick: each read once (which also fills the cache).
    const files: Record<string, string> = {};
    for (const read of READS) {
      const body = await (await fetch(`${base}${read.path}`, { headers })).arrayBuffer();
      files[read.bare] = join(dir, `${read.bare}.json`);
      writeFileSync(files[read.bare], Buffer.from(body));
    }
    const barePort = await freePort();
    bare = await startBare(barePort, files);

    for (const read of READS) {
      const yardstick = await load(`http://127.0.0.1:${barePort}/${read.bare}`, 50, duration);
      const measured = await load(`${base}${read.path}`, 50, duration, headers);
      const share = measured.requests.average / yardstick.requests.average;
      results.push({
        suite,
        name: `${read.name} cached, 50 connections`,
        value: round(measured.requests.average, 0),
        unit: "req/s",
        target: { value: round(read.share * yardstick.requests.average, 0), lowerIsBetter: false },
        yardstick: round(yardstick.requests.average, 0),
        note: `${round(share, 2)}× bare (target ${read.share}×); ${summary(measured)}; bare ${summary(yardstick)}`,
      });
      if (read.p99) {
        results.push({
          suite,
          name: `${read.name} cached, p99 at 50 connections`,
          value: measured.latency.p99,
          unit: "ms",
          target: { value: read.p99, lowerIsBetter: true },
          yardstick: yardstick.latency.p99,
        });
      }
    }

    const before = rssMb(child.pid!);
    const mixed = await load(base, 20, rssSeconds, { cookie: await signIn(base, "admin") }, MIXED);
    const after = rssMb(child.pid!);
    results.push({
      suite,
      name: `RSS after ${rssSeconds} s of mixed reads, 20 connections`,
      value: round(after, 0),
      unit: "MB",
      note: `${round(before, 0)} MB before; ${round(mixed.requests.average, 0)} req/s over ${MIXED.length} routes; ${summary(mixed)}`,
    });
  } finally {
    if (bare) await stop(bare);
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};

export default run;
