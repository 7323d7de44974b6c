#!/usr/bin/env node
// `npm test`: the linter, then every test (unit, component, server on SQLite and PostgreSQL, browser).
// It installs Debian's Chromium when it is missing and it can (root with apt-get), builds the SPA
// the browser tests drive, runs Vitest, and ends with one line: "Tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const run = (cmd, args, options = {}) => spawnSync(cmd, args, { stdio: "inherit", ...options });
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (!existsSync(chromium)) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    console.error(`Chromium is missing at ${chromium}; the browser tests need it. Install it with:\n  sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  if (run("apt-get", ["update", "-qq"]).status !== 0 || run("apt-get", ["install", "-y", "-qq", "chromium"]).status !== 0) {
    console.error("Could not install chromium. Run: apt-get install -y chromium");
    process.exit(1);
  }
}

console.log("Lint and format check (Biome)…");
if (run(join("node_modules", ".bin", "biome"), ["check", "."]).status !== 0) {
  console.error("npm run lint failed: `npm run format` fixes formatting; the rest is named above.");
  process.exit(1);
}

console.log("Building the SPA for the browser tests…");
// A production build whatever NODE_ENV says: the browser tests check what users get.
if (run(join("node_modules", ".bin", "vite"), ["build", "--logLevel", "warn"], { env: { ...process.env, NODE_ENV: "production" } }).status !== 0)
  process.exit(1);

mkdirSync("test-results", { recursive: true });
const report = join("test-results", "vitest.json");
const vitest = run(join("node_modules", ".bin", "vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);

if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
}
process.exit(vitest.status ?? 1);
