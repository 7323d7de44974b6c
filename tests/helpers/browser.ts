import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import type { Role } from "../../src/auth/permissions";
import { startTestApp, TEST_PASSWORD, type TestApp, type TestAppOptions } from "./app";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** The built SPA the server serves: `dist/` (built by `npm test`), or E2E_DIST for a build elsewhere. */
export const DIST = resolve(process.env.E2E_DIST ?? "dist");

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A new page (its own cookies), signed in as `role` when given. */
  page(options?: { role?: Role; width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** The real server (simulators, SQLite) on a loopback port, serving the built SPA, and headless Chromium. */
export async function startE2E(options: TestAppOptions = {}): Promise<E2E> {
  if (!existsSync(resolve(DIST, "index.html"))) throw new Error(`No built SPA in ${DIST}: run \`npx vite build\` first (npm test does).`);
  const t = await startTestApp({ ...options, env: { STATIC_DIR: DIST, ...options.env } });
  const address = await t.app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  return {
    t,
    baseUrl: address,
    browser,
    async page({ role, width = 1280, height = 800 } = {}) {
      const context = await browser.newContext({ baseURL: address, viewport: { width, height } });
      const page = await context.newPage();
      if (role) await signIn(page, role);
      return page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the login form, as a person does. */
export async function signIn(page: Page, role: Role, password = TEST_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${role}@example.com`);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
