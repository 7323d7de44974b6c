#!/usr/bin/env node
// `npm start`: builds what is missing or older than its sources — the SPA (dist/) and the compiled
// server (dist-server/, vite.server.config.ts) — then runs the server in this very process with
// plain Node: no tsx and no child process, so a SIGTERM or Ctrl-C reaches the server itself, which
// closes and frees its port.
//
// `node scripts/start.mjs --build-only` builds and stops (the bench and tests use it).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const at = (...parts) => join(ROOT, ...parts);
const vite = at("node_modules", ".bin", "vite");

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const common = ["src", "package-lock.json", "package.json"].map((p) => at(p));
const TARGETS = [
  { name: "the console", output: at("dist", "index.html"), inputs: [...common, at("public"), at("index.html"), at("vite.config.ts")], args: [] },
  { name: "the server", output: at("dist-server", "start.js"), inputs: [...common, at("vite.server.config.ts")], args: ["-c", "vite.server.config.ts"] },
];

/** Builds the SPA and the server when either is missing or older than a source; exits on a failed build. */
export function ensureBuilt() {
  for (const target of TARGETS) {
    const built = builtAt(target.output);
    if (built >= Math.max(...target.inputs.map(newest))) continue;
    console.log(built ? `Sources changed: rebuilding ${target.name}…` : `Building ${target.name} (first start)…`);
    // Always a production build, whatever NODE_ENV the caller has (a test runner's "test" would bundle React's development build).
    const result = spawnSync(vite, ["build", ...target.args, "--logLevel", "warn"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensureBuilt();
  if (!process.argv.includes("--build-only")) await import(pathToFileURL(at("dist-server", "start.js")).href);
}
