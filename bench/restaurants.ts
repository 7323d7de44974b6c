import { BFF } from "../src/integrations/restaurants/api";
import { ROWS_MARK } from "../src/integrations/restaurants/pages/queries";
import type { RestaurantsSimulatorControl } from "../src/integrations/restaurants/simulator";
import { SIM_RESTAURANTS } from "../src/integrations/restaurants/simulator-data";
import { startTestApp } from "../tests/helpers/app";
import { DIST, launchChromium } from "../tests/helpers/browser";
import { type BenchResult, type BenchSuite, median, percentile, round } from "./lib";

const suite = "restaurants";
const PAGES = 10;
const RENEWALS = 30;

/**
 * (a) list page change with 10,000 restaurants: click → the next page's rows on screen, from a mark
 * the list sets inside the page; (b) renew round trip through the server over HTTP; (c) upstream
 * calls for 200 concurrent badge refreshes on a cold cache.
 */
const run: BenchSuite = async () => {
  const results: BenchResult[] = [];
  const t = await startTestApp({ env: { STATIC_DIR: DIST, LOG_LEVEL: "warn" } });
  const sim = t.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
  sim.seed(10_000);
  const baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  try {
    const cookie = await t.login("support");
    const [name, ...value] = cookie.split("=");

    // (a) Page changes, each a page the server has not cached yet.
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    await context.addCookies([{ name, value: value.join("="), url: baseUrl }]);
    const page = await context.newPage();
    await page.goto("/restaurants?currentPage=1&pageSize=20");
    const waitRows = (offset: number) =>
      page.waitForFunction(
        ([mark, o]) => performance.getEntriesByName(mark as string).some((e) => (e as PerformanceMark).detail?.offset === o),
        [ROWS_MARK, offset] as const,
        { timeout: 30_000 },
      );
    await waitRows(0);
    const times: number[] = [];
    for (let i = 1; i <= PAGES; i++) {
      const started = await page.evaluate(() => {
        const at = performance.now();
        (document.querySelector(".ant-pagination-next button, li.ant-pagination-next") as HTMLElement).click();
        return at;
      });
      await waitRows(i * 20);
      const shown = await page.evaluate(
        ([mark, o]) => performance.getEntriesByName(mark as string).find((e) => (e as PerformanceMark).detail?.offset === o)!.startTime,
        [ROWS_MARK, i * 20] as const,
      );
      times.push(shown - started);
    }
    await context.close();
    results.push({
      suite,
      name: `list page change, 10,000 restaurants (median of ${PAGES})`,
      value: round(median(times)),
      unit: "ms",
      target: { value: 300, lowerIsBetter: true },
      note: `p90 ${round(percentile(times, 90))} ms; click → next page's rows on screen`,
    });

    // (b) Renew through the server: session, validation, idempotency lock, upstream, audit, cache invalidation.
    results.push(await renewRoundTrip(baseUrl, cookie, "SQLite"));
  } finally {
    await browser.close();
    await t.close();
  }

  // (b) again on PostgreSQL, what several replicas share.
  const pgApp = await startTestApp({ database: "postgres", env: { LOG_LEVEL: "warn" } });
  try {
    results.push(await renewRoundTrip(await pgApp.app.listen({ host: "127.0.0.1", port: 0 }), await pgApp.login("support"), "PostgreSQL"));
  } finally {
    await pgApp.close();
  }

  // (c) 200 badges asking at once, from three users, with nothing cached.
  const fresh = await startTestApp({ env: { LOG_LEVEL: "warn" } });
  try {
    const control = fresh.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
    control.seed(10_000);
    const cookies = [await fresh.login("viewer"), await fresh.login("support"), await fresh.login("admin")];
    control.reset();
    await Promise.all(Array.from({ length: 200 }, (_, i) => fresh.app.inject({ url: `/api${BFF.alertsCount}`, headers: { cookie: cookies[i % 3] } })));
    const calls = control.count("GET /api/usage/alerts");
    results.push({
      suite,
      name: "upstream calls for 200 concurrent badge refreshes",
      value: calls,
      unit: "calls",
      target: { value: 1, lowerIsBetter: true },
      note: `fan-in ${200 / Math.max(1, calls)}:1`,
    });
  } finally {
    await fresh.close();
  }
  return results;
};

/** Sequential renewals over HTTP, each with a new Idempotency-Key. */
async function renewRoundTrip(baseUrl: string, cookie: string, database: string): Promise<BenchResult> {
  const times: number[] = [];
  for (let i = 0; i < RENEWALS; i++) {
    const started = performance.now();
    const res = await fetch(new URL(`/api${BFF.renew(SIM_RESTAURANTS.toppedUp.id)}`, baseUrl), {
      method: "POST",
      headers: { cookie, "content-type": "application/json", "idempotency-key": `bench-${Date.now()}-${i}` },
      body: JSON.stringify({ amount: 1000, reason: "benchmark" }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`renew answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return {
    suite,
    name: `renew round trip through the server, ${database} (median of ${RENEWALS})`,
    value: round(median(times)),
    unit: "ms",
    target: { value: 100, lowerIsBetter: true },
    note: `p95 ${round(percentile(times, 95))} ms; simulator on loopback`,
  };
}

export default run;
