import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pax8Data } from "../../src/integrations/pax8/simulator-data";
import { type E2E, startE2E } from "../helpers/browser";

const SHOTS = process.env.E2E_SHOTS ?? "/tmp";
const rows = (page: Page) => page.locator(".ant-table-tbody tr.ant-table-row");

describe("Pax8 usage in a browser", () => {
  let e: E2E;
  let data: Pax8Data;
  beforeAll(async () => {
    e = await startE2E({ env: { UPSTREAM_TIMEOUT_MS: "1000" } });
    data = (e.t.contexts.get("pax8")!.simulator as unknown as { data: Pax8Data }).data;
  });
  afterAll(() => e?.close());

  it("shows this month's charges per currency on the Integrations card, against the budget", async () => {
    const page = await e.page({ role: "viewer" });
    await page.goto("/integrations");
    const card = page.getByTestId("integration-card-pax8");
    await card.getByTestId("pax8-charges-USD").waitFor();
    const usd = data.summaries.filter((s) => s.currencyCode === "USD").reduce((sum, s) => sum + s.currentCharges!, 0);
    expect(await card.getByTestId("pax8-charges-USD").innerText()).toContain(
      `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    );
    expect(await card.getByTestId("pax8-charges-USD").innerText()).toContain("of $15,000.00 budget");
    expect(await card.getByTestId("pax8-charges-EUR").getByRole("progressbar").count()).toBe(1);
    expect(await card.getByTestId("pax8-charges-GBP").innerText()).toContain("£");
    await page.screenshot({ path: `${SHOTS}/pax8-card.png`, fullPage: true });
    await page.context().close();
  });

  it("chooses a subscription, filters, sorts, opens a summary, picks a date and sees its lines", async () => {
    const page = await e.page({ role: "viewer" });
    await page.goto("/integrations");
    await page.getByRole("menuitem", { name: "Pax8 usage" }).click();
    await page.getByRole("link", { name: "Microsoft Azure Plan" }).first().click();
    await page.waitForURL(/\/pax8\/subscriptions\/[0-9a-f-]{36}\/usage-summaries/);
    const subscriptionId = /subscriptions\/([0-9a-f-]{36})/.exec(page.url())![1];
    const mine = data.summaries.filter((s) => s.subscriptionId === subscriptionId);
    // Sorted by current charges, largest first, 10 a page, with the page's total per currency.
    const top = [...mine].sort((a, b) => b.currentCharges! - a.currentCharges!);
    await page.getByTestId("pax8-total-USD").waitFor();
    expect(await rows(page).first().innerText()).toContain(top[0].resourceGroup!);
    expect(await rows(page).count()).toBe(10);
    expect(await page.getByTestId("pax8-total-USD").innerText()).toContain("Total on this page (USD)");

    // Filter by resource group: one row, and the filter is in the URL.
    await page.getByRole("searchbox", { name: "Resource group" }).fill("rg-ironcloud-dev");
    await page.getByRole("searchbox", { name: "Resource group" }).press("Enter");
    await page.waitForURL(/rg-ironcloud-dev/);
    await page.getByText("rg-ironcloud-dev").waitFor();
    await expect.poll(() => rows(page).count()).toBe(1);

    // A rejected company id shows the server's reason beside the input.
    await page.getByRole("searchbox", { name: "Company ID" }).fill("acme");
    await page.getByRole("searchbox", { name: "Company ID" }).press("Enter");
    await page.getByText("must be a UUID").waitFor();
    await page.getByRole("searchbox", { name: "Company ID" }).fill("");
    await page.getByRole("searchbox", { name: "Company ID" }).press("Enter");
    await page.getByRole("searchbox", { name: "Resource group" }).fill("");
    await page.getByRole("searchbox", { name: "Resource group" }).press("Enter");
    await expect.poll(() => rows(page).count()).toBe(10);

    // Refresh asks Pax8 again, past the server's cache.
    const sim = e.t.contexts.get("pax8")!.simulator!.control as { calls: number };
    const before = sim.calls;
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect.poll(() => sim.calls).toBeGreaterThan(before);

    // 200 a page: every summary of the subscription on one page.
    await page.locator(".ant-pagination-options .ant-select").click();
    await page.getByTitle("200 / page").click();
    await page.waitForURL(/pageSize=200/);
    await expect.poll(() => rows(page).count()).toBe(mine.length);

    // Sort by partner total (ascending on the first click).
    await page.getByRole("columnheader", { name: "Partner total" }).click();
    await page.waitForURL(/partnerTotal/);
    const smallest = [...mine].sort((a, b) => a.partnerTotal! - b.partnerTotal!)[0];
    await expect.poll(() => rows(page).first().innerText()).toContain(smallest.resourceGroup!);
    await page.screenshot({ path: `${SHOTS}/pax8-summaries.png`, fullPage: true });

    // Open the summary: every field, money in its currency, then its lines for today.
    await page.getByRole("link", { name: smallest.resourceGroup! }).click();
    await page.waitForURL(new RegExp(`/pax8/usage-summaries/${smallest.id}`));
    const fields = page.getByTestId("pax8-summary-fields");
    await fields.waitFor();
    for (const label of ["Resource group", "Vendor", "Current charges", "Partner total", "Currency", "Trial", "Usage summary ID", "Company ID", "Product ID"]) {
      expect(await fields.innerText()).toContain(label);
    }
    expect(await fields.innerText()).toContain(`$${smallest.currentCharges!.toLocaleString("en-US", { minimumFractionDigits: 2 })}`);

    // Pick the first day of this month in the date picker.
    const firstOfMonth = `${data.lastUsageDay.slice(0, 8)}01`;
    await page.getByLabel("Usage date").click();
    await page.getByLabel("Usage date").fill(firstOfMonth);
    await page.getByLabel("Usage date").press("Enter");
    await page.waitForURL(new RegExp(firstOfMonth));
    await rows(page).first().waitFor();
    const { data: expected } = await (
      await e.t.app.inject({
        url: `/api/pax8/usage-summaries/${smallest.id}/usage-lines?usageDate=${firstOfMonth}&size=200`,
        headers: { cookie: await e.t.login("viewer") },
      })
    ).json();
    await expect.poll(() => rows(page).count()).toBe(Math.min(10, expected.content.length));
    expect(await rows(page).first().innerText()).toContain(expected.content[0].productName);
    await page.screenshot({ path: `${SHOTS}/pax8-lines.png`, fullPage: true });

    // The product filter keeps one product's line.
    const product = expected.content[expected.content.length - 1];
    await page.getByRole("combobox", { name: "Product" }).click();
    await page.getByTitle(product.productName).click();
    await page.waitForURL(new RegExp(product.productId));
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().innerText()).toContain(product.productName);

    // A date without usage: the empty state says so.
    await page.getByLabel("Usage date").click();
    await page.getByLabel("Usage date").fill("2020-01-14");
    await page.getByLabel("Usage date").press("Enter");
    await page.getByText("No usage recorded on 2020-01-14.").waitFor();
    await page.context().close();
  });

  it("shows a not-found page for a bad summary id", async () => {
    const page = await e.page({ role: "viewer" });
    await page.goto("/pax8/usage-summaries/00000000-0000-4000-8000-000000000000");
    await page.getByText("This usage summary does not exist").waitFor();
    await page.goto("/pax8/usage-summaries/not-an-id");
    await page.getByText("This usage summary does not exist").waitFor();
    await page.context().close();
  });

  it("is usable at 390 px: the page itself does not scroll sideways", async () => {
    const page = await e.page({ role: "viewer", width: 390, height: 844 });
    const sub = data.summaries[0].subscriptionId;
    await page.goto(`/pax8/subscriptions/${sub}/usage-summaries`);
    await rows(page).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/pax8-390.png`, fullPage: true });
    await page.goto(`/pax8/usage-summaries/${data.summaries[0].id}`);
    await page.getByTestId("pax8-summary-fields").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/pax8-show-390.png`, fullPage: true });
    await page.context().close();
  });
});
