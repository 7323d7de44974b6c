import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIM_RESTAURANTS } from "../../src/integrations/restaurants/simulator-data";
import { type E2E, startE2E } from "../helpers/browser";

/** Sending a form with a mistake shows the reason beside the field, and nothing else goes wrong. */
describe("invalid forms", () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startE2E();
  });
  afterAll(() => e?.close());

  it("an empty Renew reason or Create key name: the reason beside the field, no uncaught error, nothing sent", async () => {
    const page = await e.page({ role: "admin" });
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    const writes: string[] = [];
    page.on("request", (request) => request.method() !== "GET" && writes.push(request.url()));

    await page.goto("/restaurants");
    await page.getByRole("button", { name: `Renew +1000 for ${SIM_RESTAURANTS.nearQuota.name}` }).click();
    const renew = page.getByRole("dialog");
    await renew.getByRole("button", { name: "Renew" }).click();
    await renew.locator(".ant-form-item-explain-error").first().waitFor({ timeout: 10_000 });
    await page.keyboard.press("Escape");

    await page.goto("/api-keys");
    await page.getByRole("button", { name: "Create key" }).click();
    const create = page.getByRole("dialog");
    await create.getByRole("button", { name: "Create key" }).click();
    await create.locator(".ant-form-item-explain-error").first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);

    expect(problems).toEqual([]);
    expect(writes).toEqual([]);
  });
});
