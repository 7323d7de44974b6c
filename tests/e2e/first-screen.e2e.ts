import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIST, type E2E, startE2E } from "../helpers/browser";

/**
 * The first screen's byte budget is 350 KB gzip (issue 11). It is not met yet (about 417 KB: antd
 * and Refine in the first two chunks), so this guards today's size against growth: lower
 * CEILING_KB toward BUDGET_KB as the first shell gets lighter.
 */
const BUDGET_KB = 350;
const CEILING_KB = 450;

describe("the first screen's JavaScript", () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it(`is at most ${CEILING_KB} KB gzip (budget ${BUDGET_KB} KB), every script sent compressed and no larger on the wire`, async () => {
    const cookies = await (await e.page({ role: "admin" })).context().cookies();
    // A cold load of the overview, signed in: a new context has an empty cache.
    const context = await e.browser.newContext({ baseURL: e.baseUrl });
    await context.addCookies(cookies);
    const page = await context.newPage();
    const scripts: Array<Promise<{ path: string; encoding?: string; wire: number }>> = [];
    page.on("requestfinished", (request) => {
      if (request.resourceType() !== "script") return;
      scripts.push(
        Promise.all([request.response(), request.sizes()]).then(([response, sizes]) => ({
          path: new URL(request.url()).pathname,
          encoding: response?.headers()["content-encoding"],
          wire: sizes.responseBodySize,
        })),
      );
    });
    await page.goto("/integrations");
    await page.getByTestId("integration-card-imai").getByText("Remaining credits").waitFor();
    const loaded = await Promise.all(scripts);
    await context.close();

    expect(loaded.length).toBeGreaterThan(0);
    for (const s of loaded) expect(s.encoding, s.path).toMatch(/^(br|gzip)$/);
    const kb = (n: number) => Math.round(n / 102.4) / 10;
    const gzip = kb(loaded.reduce((sum, s) => sum + gzipSync(readFileSync(join(DIST, s.path))).length, 0));
    const wire = kb(loaded.reduce((sum, s) => sum + s.wire, 0));
    expect(gzip, `first-screen JS ${gzip} KB gzip`).toBeLessThanOrEqual(CEILING_KB);
    // Sent as built: at most the gzip size (brotli is smaller), never the raw 1.3 MB.
    expect(wire, `first-screen JS ${wire} KB on the wire`).toBeLessThanOrEqual(Math.max(gzip, BUDGET_KB) + 1);
  });
});
