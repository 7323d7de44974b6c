#!/usr/bin/env node
// `npm run bench [-- web|server|<suite>…] [--quick] [--duration=S] [--rss-seconds=S]`: builds what
// is stale (the console and the compiled server, as `npm start` does) and the minimal yardstick
// page, then runs bench/run.ts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status === 0 || process.exit(1);
const vite = join("node_modules", ".bin", "vite");
const args = process.argv.slice(2);
run("node", ["scripts/start.mjs", "--build-only"]);
const names = args.filter((a) => !a.startsWith("--"));
if (!names.length || names.some((n) => n === "web" || n === "core")) {
  run(vite, ["build", "bench/minimal", "--config", "vite.config.ts", "--logLevel", "warn", "--outDir", "dist", "--emptyOutDir"]);
}
run(join("node_modules", ".bin", "tsx"), ["bench/run.ts", ...args]);
