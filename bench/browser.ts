import type { Browser, BrowserContext } from "playwright-core";
import { DATA_MARK } from "../src/ui/marks";
import { median } from "./lib";

/** Milliseconds from navigation start to the page's data mark, median of `runs` cold loads. */
export async function timeToData(
  browser: Browser,
  makeContext: () => Promise<BrowserContext>,
  url: string,
  runs = 5,
): Promise<{ median: number; runs: number[] }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await makeContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, DATA_MARK, { timeout: 30_000 });
    times.push(await page.evaluate((mark) => performance.getEntriesByName(mark)[0].startTime, DATA_MARK));
    await context.close();
  }
  void browser;
  return { median: median(times), runs: times };
}
