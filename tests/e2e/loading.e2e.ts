import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimulatorControl } from "../../src/server/simulator-kit";
import { type E2E, startE2E } from "../helpers/browser";

describe("a page while its first read is on the way", () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it("shows the shape of what is coming, never 'No data' under a spinner", async () => {
    const sim = e.t.contexts.get("restaurants")!.simulator!.control as SimulatorControl;
    const page = await e.page({ role: "admin" });
    sim.slowMs = 2_500;
    sim.set("slow");
    try {
      await page.goto("/restaurants");
      await page.locator(".ant-skeleton").first().waitFor();
      expect(await page.locator(".ant-empty").count()).toBe(0);
    } finally {
      sim.set("ok");
    }
    await page.getByRole("link", { name: "Aegean Grill" }).waitFor();
    expect(await page.locator(".ant-skeleton").count()).toBe(0);
  });
});
