#!/usr/bin/env node
// `npm start`: builds the SPA when it is missing or older than its sources, then serves the console.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const built = existsSync("dist/index.html") ? statSync("dist/index.html").mtimeMs : 0;
const sources = Math.max(newest("src"), newest("public"), newest("index.html"), newest("vite.config.ts"), newest("package-lock.json"));
if (built < sources) {
  console.log(built ? "Sources changed: rebuilding the console…" : "Building the console (first start)…");
  const result = spawnSync(bin("vite"), ["build", "--logLevel", "warn"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(bin("tsx"), ["src/server/start.ts"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
