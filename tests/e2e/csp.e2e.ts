import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pax8Data } from "../../src/integrations/pax8/simulator-data";
import { SIM_RESTAURANTS } from "../../src/integrations/restaurants/simulator-data";
import { TEST_PASSWORD } from "../helpers/app";
import { type E2E, startE2E } from "../helpers/browser";

/** Every Content-Security-Policy violation the page reports, collected from its first script on. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} (${location.pathname})`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe("every page under the Content-Security-Policy", () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it("loads the sign-in page and every page of an admin, opens a dialog, with no violation", async () => {
    const page = await e.page();
    const violations = await watchViolations(page);
    const header = (await page.goto("/login"))?.headers()["content-security-policy"];
    expect(header).toMatch(/style-src-elem 'self' 'nonce-/);
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));

    const restaurant = SIM_RESTAURANTS.nearQuota.id;
    const pax8 = (e.t.contexts.get("pax8")!.simulator as unknown as { data: Pax8Data }).data;
    const summary = pax8.summaries[0];
    for (const [path, text] of [
      ["/integrations", "Remaining credits"],
      ["/restaurants", "Restaurants"],
      ["/restaurants/alerts", "Near-quota"],
      [`/restaurants/${restaurant}`, "Renew"],
      ["/pax8", "Pax8"],
      [`/pax8/subscriptions/${summary.subscriptionId}/usage-summaries`, "Current charges"],
      [`/pax8/usage-summaries/${summary.id}`, "Resource group"],
      ["/api-keys", "API usage"],
      ["/api-keys/credits", "credits"],
      ["/audit-logs", "Audit log"],
      ["/no-such-page", "Not found"],
    ] as const) {
      await page.goto(path);
      await page
        .getByText(text)
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(async (error) => {
          await page.screenshot({ path: "/tmp/csp-failed.png" });
          throw new Error(`${path}: "${text}" did not show (${error})`);
        });
      await page.waitForLoadState("networkidle");
    }
    await page.goto(`/restaurants/${restaurant}`);
    await page.getByRole("button", { name: /Renew/ }).first().click();
    await page.getByRole("dialog").waitFor();
    expect(await violations()).toEqual([]);
  });

  it("loads an owner's own restaurant with no violation", async () => {
    const page = await e.page();
    const violations = await watchViolations(page);
    await page.goto("/login");
    await page.getByLabel("Email").fill("owner@example.com");
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto("/my-restaurant");
    await page.getByText("Last 6 months").first().waitFor();
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
  });
});
