#!/usr/bin/env node
// `npm run bench`: builds the console and the minimal yardstick page, then runs bench/run.ts.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit" }).status === 0 || process.exit(1);
const vite = join("node_modules", ".bin", "vite");
run(vite, ["build", "--logLevel", "warn"]);
run(vite, ["build", "bench/minimal", "--config", "vite.config.ts", "--logLevel", "warn", "--outDir", "dist", "--emptyOutDir"]);
run(join("node_modules", ".bin", "tsx"), ["bench/run.ts", ...process.argv.slice(2)]);
