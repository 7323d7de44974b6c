import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RestaurantsSimulatorControl } from "../../src/integrations/restaurants/simulator";
import { SIM_RESTAURANTS } from "../../src/integrations/restaurants/simulator-data";
import { type E2E, startE2E } from "../helpers/browser";

/** Generous for a machine running every suite at once. */
const POLL = { timeout: 10_000 };

/** Where the 390 px screenshot goes, to be looked at. */
const SCREENSHOT_390 = process.env.RESTAURANTS_SCREENSHOT ?? "/tmp/restaurants-390.png";

describe("restaurants in a browser", () => {
  let e: E2E;
  let sim: RestaurantsSimulatorControl;
  beforeAll(async () => {
    e = await startE2E({ env: { UPSTREAM_TIMEOUT_MS: "1000" } });
    sim = e.t.contexts.get("restaurants")!.simulator!.control as RestaurantsSimulatorControl;
  });
  afterAll(() => e?.close());

  it("lets support renew a near-quota restaurant: the row and the badge change", async () => {
    const page = await e.page({ role: "support" });
    await page.goto("/restaurants");
    const row = page.locator("tr", { hasText: SIM_RESTAURANTS.nearQuota.name });
    await row.waitFor();
    expect(await row.innerText()).toContain("930 / 1,000");
    expect(await row.getByText("Near quota").count()).toBe(1);
    const badge = page.getByTestId("restaurant-alerts-badge");
    await expect.poll(() => badge.getAttribute("data-count"), POLL).not.toBe("");
    const before = Number(await badge.getAttribute("data-count"));
    expect(before).toBe(sim.alerting(0.9).length);

    await row.getByRole("button", { name: `Renew +1000 for ${SIM_RESTAURANTS.nearQuota.name}` }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByLabel("Amount").inputValue()).toBe("1000");
    await dialog.getByLabel("Reason").fill("Busy weekend, agreed with the owner");
    const ok = dialog.getByRole("button", { name: "Renew" });
    // A double click while the first is in flight still renews once.
    await ok.dblclick();
    await dialog.waitFor({ state: "hidden" });

    await expect.poll(() => row.innerText(), POLL).toContain("930 / 2,000");
    expect(await row.innerText()).toContain("1,070"); // remaining
    expect(await row.innerText()).toContain("46.5%");
    expect(await row.getByText("Near quota").count()).toBe(0);
    expect(await row.innerText()).toContain("+1,000");
    await expect.poll(() => badge.getAttribute("data-count"), POLL).toBe(String(before - 1));
    expect(sim.count("POST /api/admin/usage/:restaurantId/renew")).toBe(1);

    // The show page lists the renewal from the audit log, beside six months of history.
    await row.getByRole("link", { name: SIM_RESTAURANTS.nearQuota.name }).click();
    const renewals = page.getByTestId("renewals");
    await renewals.getByText("Busy weekend, agreed with the owner").waitFor();
    expect(await renewals.innerText()).toContain("support@example.com");
    expect(await page.getByTestId("usage-history").locator("rect").count()).toBe(6);
    await page.context().close();
  });

  it("shows a renewal's failure in words, keeps the dialog open, and renews on a second try", async () => {
    const page = await e.page({ role: "support" });
    await page.goto("/restaurants");
    const row = page.locator("tr", { hasText: SIM_RESTAURANTS.overQuota.name });
    await row.getByRole("button", { name: `Renew +1000 for ${SIM_RESTAURANTS.overQuota.name}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Upstream is failing");
    // The renew call itself fails (the read before it works): the console cannot know whether it was applied.
    sim.renewFails = true;
    try {
      await dialog.getByRole("button", { name: "Renew" }).click();
      await dialog
        .getByRole("alert")
        .getByText(/answered with an error \(500\).*may or may not have been applied/)
        .waitFor();
    } finally {
      sim.renewFails = false;
    }
    expect(await row.innerText()).toContain("1,130 / 1,000");
    // The server answered (its answer stays replayed for that key), so Renew again is a new renewal with a new key.
    await dialog.getByRole("button", { name: "Renew" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => row.innerText(), POLL).toContain("1,130 / 2,000");
    expect(await row.getByText("Over quota").count()).toBe(0);
    // Opened again, the dialog is a new renewal: the default amount, no reason, no old error.
    await row.getByRole("button", { name: `Renew +1000 for ${SIM_RESTAURANTS.overQuota.name}` }).click();
    expect(await dialog.getByLabel("Amount").inputValue()).toBe("1000");
    expect(await dialog.getByLabel("Reason").inputValue()).toBe("");
    expect(await dialog.getByRole("alert").count()).toBe(0);
    await page.context().close();
  });

  it("opens the alerts page from the badge, with a threshold in percent and links to each restaurant", async () => {
    const page = await e.page({ role: "viewer" });
    await page.goto("/restaurants");
    const badge = page.getByTestId("restaurant-alerts-badge");
    await expect.poll(() => badge.getAttribute("data-count"), POLL).not.toBe("");
    await badge.click();
    await page.waitForURL(/\/restaurants\/alerts/);
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(Math.min(20, sim.alerting(0.9).length));
    const threshold = page.getByRole("spinbutton");
    expect(await threshold.inputValue()).toBe("90");
    await threshold.fill("50");
    await expect.poll(() => rows.count(), POLL).toBe(Math.min(20, sim.alerting(0.5).length));
    expect(page.url()).toMatch(/threshold/);
    await rows.first().getByRole("link").click();
    await page.getByTestId("usage-summary").waitFor();
    await page.context().close();
  });

  it("gives a viewer the list without any Renew button", async () => {
    const page = await e.page({ role: "viewer" });
    await page.goto("/restaurants");
    await page.locator("tr", { hasText: SIM_RESTAURANTS.unlimited.name }).waitFor();
    expect(await page.locator("tr", { hasText: SIM_RESTAURANTS.unlimited.name }).innerText()).toContain("Unlimited");
    expect(await page.getByRole("button", { name: /Renew/ }).count()).toBe(0);
    await page.goto(`/restaurants/${SIM_RESTAURANTS.nearQuota.id}`);
    await page.getByTestId("usage-summary").waitFor();
    expect(await page.getByRole("button", { name: /Renew/ }).count()).toBe(0);
    await page.context().close();
  });

  it("shows an owner their own restaurant only", async () => {
    const page = await e.page({ role: "owner" });
    await page.waitForURL(/\/my-restaurant$/);
    await page.getByRole("heading", { name: SIM_RESTAURANTS.owner.name }).waitFor();
    expect(await page.getByTestId("usage-history").locator("rect").count()).toBe(6);
    expect(await page.getByRole("menuitem", { name: "Restaurants" }).count()).toBe(0);
    expect(await page.getByTestId("restaurant-alerts-badge").count()).toBe(0);
    await page.goto(`/restaurants/${SIM_RESTAURANTS.nearQuota.id}`);
    await page.getByText("You do not have access to this page").waitFor();
    expect(await page.getByText(SIM_RESTAURANTS.nearQuota.name).count()).toBe(0);
    await page.context().close();
  });

  it("stays usable at 390 px: cards, no sideways scrolling, Renew within reach", async () => {
    // The restaurants as seeded again (earlier tests renewed some), nothing cached.
    sim.seed();
    e.t.contexts.get("restaurants")!.cache.invalidate("restaurants:");
    const page = await e.page({ role: "support", width: 390, height: 844 });
    await page.goto("/restaurants");
    await page.getByTestId("restaurant-card").first().waitFor();
    expect(await page.getByTestId("restaurant-card").count()).toBe(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const card = page.getByTestId("restaurant-card").filter({ hasText: SIM_RESTAURANTS.overQuota.name });
    expect(await card.getByText("Over quota").count()).toBe(1);
    const renew = card.getByRole("button", { name: /Renew/ });
    const box = await renew.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: SCREENSHOT_390, fullPage: false });
    await page.context().close();
  });
});
