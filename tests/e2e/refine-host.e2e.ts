// examples/refine-host takes Usage Console as a user would: from the tarball `npm pack` makes, installed
// into a copy of the example, which is built and started with no upstream configured (simulators).
// Then, in Chromium: the host's own page, the usage pages under one menu group, a manager (mapped to
// integration:Read + Renew + audit:Read) seeing figures and renewing, a clerk (no usage permission)
// seeing no usage menu and getting 403s, and the renewal in the console's audit log.
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLib, ROOT } from "../../scripts/build-lib.mjs";
import { SIM_RESTAURANTS } from "../../src/integrations/restaurants/simulator-data";
import { launchChromium } from "../helpers/browser";

const EXAMPLE = join(ROOT, "examples", "refine-host");
const SCREENSHOT = process.env.REFINE_HOST_SCREENSHOT ?? "/tmp/refine-host-menu.png";
const POLL = { timeout: 15_000 };
const USERS = { manager: ["manager@shop.test", "manager"], clerk: ["clerk@shop.test", "clerk"] } as const;

/** Runs a command to its end and resolves with its standard output; rejects with all its output when it fails. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((done, fail) => {
    let stdout = "";
    let output = "";
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => {
      stdout += d;
      output += d;
    });
    child.stderr.on("data", (d) => (output += d));
    child.on("error", fail);
    child.on("exit", (code) =>
      code === 0 ? done(stdout) : fail(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

/** The environment of the host's server: no upstream base URL, so every integration is its simulator. */
function hostEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", DATABASE_URL: `sqlite:${join(dir, "usage.sqlite")}` };
  for (const name of Object.keys(env)) if (name.endsWith("_BASE_URL") || name === "DEMO_USERS") delete env[name];
  // Vitest's NODE_ENV=test is not the host's.
  delete env.NODE_ENV;
  return env;
}

/** Starts the host's server and resolves with its address, from the line it prints once listening. */
function startHost(dir: string): Promise<{ url: string; process: ChildProcess; output: () => string }> {
  return new Promise((done, fail) => {
    let output = "";
    const child = spawn(join(dir, "node_modules", ".bin", "tsx"), ["server/index.ts"], {
      cwd: dir,
      env: hostEnv(dir),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const timer = setTimeout(() => fail(new Error(`the host did not start in 60 s:\n${output}`)), 60_000);
    const read = (d: Buffer) => {
      output += d;
      const m = output.match(/Shop Admin on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        done({ url: m[1], process: child, output: () => output });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the host exited with ${code}:\n${output}`));
    });
  });
}

async function signIn(page: Page, who: keyof typeof USERS) {
  const [email, password] = USERS[who];
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** The sider's top level: its submenus' titles and its items' labels. */
async function topLevelMenu(page: Page): Promise<{ groups: string[]; items: string[] }> {
  const root = page.locator("aside ul.ant-menu-root");
  await root.waitFor();
  const texts = async (selector: string) => (await root.locator(selector).allInnerTexts()).map((t) => t.trim());
  return { groups: await texts(":scope > li.ant-menu-submenu > .ant-menu-submenu-title"), items: await texts(":scope > li.ant-menu-item") };
}

describe("examples/refine-host with Usage Console from its tarball", () => {
  let dir: string;
  let host: Awaited<ReturnType<typeof startHost>> | undefined;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "refine-host-"));
    // The library (only if a source changed since the last build) and its tarball.
    await ensureLib();
    const packed = JSON.parse(await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT)) as Array<{ filename: string }>;
    const tarball = join(dir, packed[0].filename);

    // A copy of the example that depends on that tarball.
    const app = join(dir, "host");
    cpSync(EXAMPLE, app, { recursive: true, filter: (src) => !/[\\/](node_modules|dist)$/.test(src) });
    const pkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
    pkg.dependencies["usage-console"] = `file:${tarball}`;
    writeFileSync(join(app, "package.json"), JSON.stringify(pkg, null, 2));

    // Install scripts are skipped, to reuse the repository's compiled better-sqlite3 (the same version
    // for the same Node) instead of compiling it again for a minute; without one, it is compiled.
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"], app);
    const sqlite = (base: string) => join(base, "node_modules", "better-sqlite3");
    const version = (base: string) => JSON.parse(readFileSync(join(sqlite(base), "package.json"), "utf8")).version;
    const binary = join("build", "Release", "better_sqlite3.node");
    if (existsSync(join(sqlite(ROOT), binary)) && version(ROOT) === version(app)) {
      mkdirSync(join(sqlite(app), "build", "Release"), { recursive: true });
      copyFileSync(join(sqlite(ROOT), binary), join(sqlite(app), binary));
    } else {
      await run("npm", ["rebuild", "better-sqlite3"], app);
    }

    // The host's type check (through the package's declarations) beside its build.
    await Promise.all([
      run(join(app, "node_modules", ".bin", "tsc"), ["--noEmit"], app),
      run(join(app, "node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], app),
    ]);
    host = await startHost(app);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (host?.process.pid) {
      try {
        process.kill(-host.process.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
    if (dir && !process.env.KEEP_REFINE_HOST) rmSync(dir, { recursive: true, force: true });
  });

  async function pageAs(who: keyof typeof USERS): Promise<Page> {
    const context = await browser.newContext({ baseURL: host!.url, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, who);
    return page;
  }

  it("installs the plugin from the tarball, not from the repository's sources", () => {
    const installed = join(dir, "host", "node_modules", "usage-console");
    expect(existsSync(join(installed, "dist-lib", "client.js"))).toBe(true);
    expect(existsSync(join(installed, "src"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "host", "package.json"), "utf8")).dependencies["usage-console"]).toMatch(/^file:.*\.tgz$/);
  });

  it("gives a manager the host's orders, the usage pages under one menu group, and figures", async () => {
    const page = await pageAs("manager");
    // The host's own page, with the host's own rule (a manager ships orders) still applied.
    await page.goto("/orders");
    const row = page.locator("tr", { hasText: "SO-1002" });
    await row.waitFor();
    expect(await row.innerText()).toContain("Grace Hopper");
    expect(await row.getByRole("button", { name: "Mark shipped" }).count()).toBe(1);

    // One group, "Usage", holds every usage page; the host's items stay at the top level.
    const menu = await topLevelMenu(page);
    expect(menu.groups).toEqual(["Usage"]);
    expect(menu.items.filter((t) => !["Orders", "Logout"].includes(t))).toEqual([]);
    const group = page.locator("aside li.ant-menu-submenu", { hasText: "Usage" });
    await group.locator(".ant-menu-submenu-title").click();
    for (const label of ["Integrations", "Restaurants", "Audit log"]) await group.getByRole("menuitem", { name: label }).waitFor();

    // The overview: IMAI's card with numbers, from its simulator.
    await group.getByRole("menuitem", { name: "Integrations" }).click();
    const card = page.getByTestId("integration-card-imai");
    await card.getByText("Remaining credits").waitFor(POLL);
    expect(await card.innerText()).toMatch(/\d{1,3}(,\d{3})+/);
    expect(await card.getByText("Demo data").count()).toBe(1);
    await page.screenshot({ path: SCREENSHOT });

    // The console's API under the host's prefix, with the host's user and the permissions it mapped.
    const me = await page.request.get("/usage-api/auth/me");
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: "manager@shop.test", permissions: ["integration:Read", "integration:Renew", "audit:Read"] });
    await page.context().close();
  });

  it("gives a clerk the orders but no usage menu, and the console's API answers 403", async () => {
    const page = await pageAs("clerk");
    await page.goto("/orders");
    await page.locator("tr", { hasText: "SO-1002" }).waitFor();
    expect(await page.getByRole("button", { name: "Mark shipped" }).count()).toBe(0);
    const menu = await topLevelMenu(page);
    expect(menu.items).toContain("Orders");
    expect(menu.groups).toEqual([]);
    expect(await page.getByRole("menuitem", { name: /Usage|Integrations|Restaurants|Audit log/ }).count()).toBe(0);
    // A usage page's address, typed in, shows the console's 403 page inside the host's layout.
    await page.goto("/usage");
    await page.getByText("You do not have access to this page").waitFor();
    expect(await page.getByText("Remaining credits").count()).toBe(0);

    for (const path of ["/usage-api/integrations/usage", "/usage-api/audit-logs", "/usage-api/restaurants/usage"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) });
    }
    // Signed out, the console does not know anyone.
    expect((await page.request.post("/api/logout")).ok()).toBe(true);
    expect((await page.request.get("/usage-api/integrations/usage")).status()).toBe(401);
    await page.context().close();
  });

  it("records a renewal made in the host in the console's audit log", async () => {
    const page = await pageAs("manager");
    const { name } = SIM_RESTAURANTS.nearQuota;
    const group = page.locator("aside li.ant-menu-submenu", { hasText: "Usage" });
    await group.locator(".ant-menu-submenu-title").click();
    await group.getByRole("menuitem", { name: "Restaurants" }).click();
    const row = page.locator("tr", { hasText: name });
    await row.waitFor(POLL);
    expect(await row.innerText()).toContain("930 / 1,000");
    await row.getByRole("button", { name: `Renew +1000 for ${name}` }).click();
    const dialog = page.getByRole("dialog");
    const reason = `Renewed from the shop admin ${Date.now()}`;
    await dialog.getByLabel("Reason").fill(reason);
    await dialog.getByRole("button", { name: "Renew" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => row.innerText(), POLL).toContain("930 / 2,000");

    const response = await page.request.get("/usage-api/audit-logs?_start=0&_end=50");
    expect(response.status()).toBe(200);
    const entries = (await response.json()) as Array<{ action: string; outcome: string; actor_email: string; reason: string | null; target: string }>;
    expect(entries.find((e) => e.reason === reason)).toMatchObject({
      outcome: "success",
      actor_email: "manager@shop.test",
      target: SIM_RESTAURANTS.nearQuota.id,
    });

    // And on the console's audit page, in the host.
    await group.getByRole("menuitem", { name: "Audit log" }).click();
    await page.getByText(reason).first().waitFor(POLL);
    await page.context().close();
  });
});
