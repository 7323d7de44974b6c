import type { Pax8Data } from "../src/integrations/pax8/simulator-data";
import { startTestApp } from "../tests/helpers/app";
import { type BenchResult, type BenchSuite, percentile, round } from "./lib";

const suite = "pax8";
const CLIENTS = 20;
const PER_CLIENT = 25;
const SORTS = ["currentCharges,desc", "partnerTotal,asc", "resourceGroup", "currentCharges"];

/**
 * p95 of the three Pax8 reads through the server over HTTP, 20 clients at once, against the
 * simulator (the spec asks for under 2 s): with ?refresh=1 every request goes to Pax8 (varied
 * queries, so few share a call), then again answered from the server's cache.
 */
const run: BenchSuite = async () => {
  const t = await startTestApp({ env: { LOG_LEVEL: "warn" } });
  const base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  const data = (t.contexts.get("pax8")!.simulator as unknown as { data: Pax8Data }).data;
  const cookie = await t.login("viewer");
  const days: string[] = [];
  for (let d = new Date(`${data.firstUsageDay}T00:00:00Z`); d.toISOString().slice(0, 10) <= data.lastUsageDay; d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  const subscriptions = [...new Set(data.summaries.map((s) => s.subscriptionId))];

  const urls: Record<string, (i: number) => string> = {
    list: (i) =>
      `/api/pax8/subscriptions/${subscriptions[i % subscriptions.length]}/usage-summaries?page=${i % 3}&size=${5 + (i % 4) * 5}&sort=${SORTS[i % SORTS.length]}`,
    detail: (i) => `/api/pax8/usage-summaries/${data.summaries[i % data.summaries.length].id}`,
    lines: (i) => `/api/pax8/usage-summaries/${data.summaries[i % data.summaries.length].id}/usage-lines?usageDate=${days[i % days.length]}&size=50`,
  };

  async function measure(url: (i: number) => string, refresh: boolean) {
    const times: number[] = [];
    let failures = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let n = 0; n < PER_CLIENT; n++) {
          const i = client * PER_CLIENT + n;
          const started = performance.now();
          const target = new URL(url(i), base);
          if (refresh) target.searchParams.set("refresh", "1");
          const res = await fetch(target, { headers: { cookie } });
          await res.arrayBuffer();
          times.push(performance.now() - started);
          if (res.status !== 200) failures++;
        }
      }),
    );
    return { p95: percentile(times, 95), p50: percentile(times, 50), failures, count: times.length };
  }

  const results: BenchResult[] = [];
  try {
    await measure(urls.detail, true); // warm-up: token, JIT
    for (const refresh of [true, false]) {
      for (const [name, url] of Object.entries(urls)) {
        const m = await measure(url, refresh);
        results.push({
          suite,
          name: `${name} p95, ${CLIENTS} clients, ${refresh ? "through to Pax8 (?refresh=1)" : "from the server's cache"}`,
          value: round(m.p95),
          unit: "ms",
          target: { value: 2000, lowerIsBetter: true },
          note: `p50 ${round(m.p50)} ms, ${m.count} requests, ${m.failures} not 200`,
        });
      }
    }
  } finally {
    await t.close();
  }
  return results;
};

export default run;
