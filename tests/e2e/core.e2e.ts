import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImaiSimulatorControl } from "../../src/integrations/imai/simulator";
import { type E2E, startE2E } from "../helpers/browser";

describe("the console in a browser", () => {
  let e: E2E;
  let imai: ImaiSimulatorControl;
  beforeAll(async () => {
    e = await startE2E({ env: { UPSTREAM_TIMEOUT_MS: "500" } });
    imai = e.t.contexts.get("imai")!.simulator!.control as ImaiSimulatorControl;
  });
  afterAll(() => e?.close());

  it("sends a visitor to the login page and refuses a wrong password in words", async () => {
    const page = await e.page();
    await page.goto("/integrations");
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email").fill("admin@example.com");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("login-error").getByText("Email or password is wrong.").waitFor();
    // Said once, inline, where it stays; and the form keeps what was typed.
    expect(await page.getByText("Email or password is wrong.").count()).toBe(1);
    expect(await page.getByLabel("Email").inputValue()).toBe("admin@example.com");
    await page.context().close();
  });

  it("shows an admin the IMAI card with numbers and progress", async () => {
    imai.credits = 7500;
    const page = await e.page({ role: "admin" });
    await page.goto("/integrations");
    const card = page.getByTestId("integration-card-imai");
    await card.getByText("Remaining credits").waitFor();
    expect(await card.innerText()).toContain("2,500");
    expect(await card.innerText()).toContain("10,000 credits");
    expect(await card.innerText()).toContain("7,500");
    expect(await card.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25");
    expect(await card.getByText("Demo data").count()).toBe(1);
    expect(await page.getByRole("menuitem", { name: "Integrations" }).count()).toBe(1);
    // `*` covers restaurant:ReadOwn, but an admin is bound to no restaurant.
    expect(await page.getByRole("menuitem", { name: "My restaurant" }).count()).toBe(0);
    await page.context().close();
  });

  it("gives an editor no Integrations item and the 403 page at /integrations", async () => {
    const page = await e.page({ role: "editor" });
    await page.getByText("Your role has no access to the integrations").waitFor();
    expect(await page.getByRole("menuitem", { name: "Integrations" }).count()).toBe(0);
    await page.goto("/integrations");
    await page.getByText("You do not have access to this page").waitFor();
    expect(await page.getByText("Remaining credits").count()).toBe(0);
    await page.context().close();
  });

  it("shows IMAI's failure on its card, and Retry recovers once IMAI is back", async () => {
    // A fresh server, so no last good answer hides the failure.
    const fresh = await startE2E({ env: { UPSTREAM_TIMEOUT_MS: "500" } });
    try {
      const control = fresh.t.contexts.get("imai")!.simulator!.control as ImaiSimulatorControl;
      control.set("error500");
      const page = await fresh.page({ role: "viewer" });
      await page.goto("/integrations");
      const card = page.getByTestId("integration-card-imai");
      await card.getByText("Unable to fetch quota. Please try again.").waitFor();
      control.set("ok");
      await card.getByRole("button", { name: "Retry" }).click();
      await card.getByText("Remaining credits").waitFor();
      expect(await card.getByText("Unable to fetch quota").count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it("lists sign-ins in the audit log, newest first", async () => {
    const page = await e.page({ role: "admin" });
    await page.goto("/audit-logs");
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain("admin@example.com");
    expect(await page.getByText("auth.login").count()).toBeGreaterThan(1);
    await page.context().close();
  });
});
