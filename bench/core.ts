import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";
import type { ImaiSimulatorControl } from "../src/integrations/imai/simulator";
import { startTestApp } from "../tests/helpers/app";
import { launchChromium } from "../tests/helpers/browser";
import { timeToData } from "./browser";
import { type BenchResult, type BenchSuite, round } from "./lib";

const suite = "core";

/** (a) first-screen JS, (b) navigation → IMAI numbers vs a minimal Refine page, (c) upstream fan-in. */
const run: BenchSuite = async () => {
  const results: BenchResult[] = [];
  const t = await startTestApp({ env: { STATIC_DIR: "dist", LOG_LEVEL: "warn" } });
  const baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
  const minimal = Fastify();
  await minimal.register(fastifyStatic, { root: resolve("bench/minimal/dist") });
  const rows = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `Row ${i + 1}`, value: i * 10 }));
  minimal.get("/api/rows", async (_req, reply) => reply.header("x-total-count", String(rows.length)).send(rows));
  const minimalUrl = await minimal.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  try {
    const cookie = (await t.login("admin")).split("=");
    const signedIn = async () => {
      const context = await browser.newContext({ baseURL: baseUrl });
      await context.addCookies([{ name: cookie[0], value: cookie.slice(1).join("="), url: baseUrl }]);
      return context;
    };

    // (a) What the first screen downloads, gzip-compressed as a server would send it.
    const context = await signedIn();
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.add(new URL(r.url()).pathname);
    });
    await page.goto("/integrations");
    await page.getByTestId("integration-card-imai").getByText("Remaining credits").waitFor();
    const gzip = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join("dist", path))).length, 0);
    await context.close();
    results.push({
      suite,
      name: "first-screen JS (gzip)",
      value: round(gzip / 1024),
      unit: "KB",
      target: { value: 350, lowerIsBetter: true },
      note: `${scripts.size} files`,
    });

    // (b) Navigation → data on screen, a mark set inside each page.
    const console = await timeToData(browser, signedIn, `${baseUrl}/integrations`);
    const yardstick = await timeToData(browser, () => browser.newContext(), `${minimalUrl}/`);
    results.push({
      suite,
      name: "navigation → IMAI numbers (median of 5)",
      value: round(console.median),
      unit: "ms",
      target: { value: round(yardstick.median), lowerIsBetter: true },
      note: `runs ${console.runs.map((r) => round(r, 0)).join(", ")}`,
    });
    results.push({
      suite,
      name: "minimal Refine + antd table page (median of 5)",
      value: round(yardstick.median),
      unit: "ms",
      note: `runs ${yardstick.runs.map((r) => round(r, 0)).join(", ")}`,
    });

    // (c) 200 concurrent identical reads with a cold cache: how many reached IMAI.
    const fresh = await startTestApp({ env: { LOG_LEVEL: "warn" } });
    try {
      const control = fresh.contexts.get("imai")!.simulator!.control as ImaiSimulatorControl;
      const viewer = await fresh.login("viewer");
      control.reset();
      await Promise.all(Array.from({ length: 200 }, () => fresh.app.inject({ url: "/api/integrations/usage", headers: { cookie: viewer } })));
      results.push({
        suite,
        name: "IMAI calls for 200 concurrent /api/integrations/usage",
        value: control.calls,
        unit: "calls",
        target: { value: 1, lowerIsBetter: true },
        note: `fan-in ${200 / Math.max(1, control.calls)}:1`,
      });
    } finally {
      await fresh.close();
    }
  } finally {
    await browser.close();
    await minimal.close();
    await t.close();
  }
  return results;
};

export default run;
