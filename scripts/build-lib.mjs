#!/usr/bin/env node
// `npm run build:lib`: the library into dist-lib/ — client.js (browser entry for a Refine host),
// server.js (the Fastify plugin), their chunks, and the type declarations under types/.
// The two bundles (vite.lib.config.ts) and the declarations (tsconfig.lib.json) build side by
// side; it fails if an `exports` target of package.json is missing afterwards.
//
// Tests import `ensureLib()`: it builds only when a source is newer than the last build.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const LIB_DIR = join(ROOT, "dist-lib");
const STAMP = join(LIB_DIR, ".built");
/** What the library is made of, besides src/ (test files excluded). */
const INPUTS = ["package.json", "vite.lib.config.ts", "tsconfig.lib.json", "tsconfig.json", "scripts/build-lib.mjs"];

function run(cmd, args, quiet, env = {}) {
  return new Promise((done, fail) => {
    let output = "";
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}\n${output}`))));
  });
}

/** Every file `exports` in package.json names, relative to the root. */
export function exportTargets(pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"))) {
  const walk = (e) => (typeof e === "string" ? [e] : Object.values(e ?? {}).flatMap(walk));
  return walk(pkg.exports);
}

/** Builds dist-lib/ from scratch; rejects with the tools' output when a step fails. */
export async function buildLib({ quiet = false } = {}) {
  const bin = (name) => join(ROOT, "node_modules", ".bin", name);
  rmSync(LIB_DIR, { recursive: true, force: true });
  const vite = (entry) => run(bin("vite"), ["build", "-c", "vite.lib.config.ts", "--logLevel", "warn"], quiet, { LIB_ENTRY: entry, NODE_ENV: "production" });
  await Promise.all([vite("client").then(() => vite("server")), run(bin("tsc"), ["-p", "tsconfig.lib.json"], quiet)]);
  const missing = exportTargets().filter((t) => !existsSync(join(ROOT, t)));
  if (missing.length) throw new Error(`package.json exports point at missing files: ${missing.join(", ")}`);
  writeFileSync(STAMP, new Date().toISOString());
}

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist-lib/ was built after every change to what it is built from. */
export function libIsFresh() {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  const inputs = INPUTS.map((f) => join(ROOT, f)).filter(existsSync);
  return Math.max(newestSource(join(ROOT, "src")), ...inputs.map((f) => statSync(f).mtimeMs)) < built;
}

/** Builds the library unless dist-lib/ is already up to date. */
export async function ensureLib() {
  if (!libIsFresh()) await buildLib({ quiet: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await buildLib();
    console.log(`build:lib: dist-lib/ with ${exportTargets().length} export targets`);
  } catch (error) {
    console.error(`build:lib failed: ${error.message}`);
    process.exit(1);
  }
}
