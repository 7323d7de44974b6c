import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * `npm run new:integration -- demo-widgets` in a copy of the repository (what git would clone, plus
 * untracked files that are not ignored, with this checkout's node_modules): the new folder is the
 * only change, its generated tests pass (routes on SQLite and PostgreSQL, its card on the overview
 * in demo mode, 403 without the permission), and it type-checks with the rest.
 */
const ID = "demo-widgets";
const FOLDER = `src/integrations/${ID}`;

/** The environment of a child process without this Vitest run's own variables (a nested Vitest would take them). */
const childEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "NODE_ENV"));
const run = (cwd: string, cmd: string, args: string[], timeout = 60_000) =>
  spawnSync(cmd, args, { cwd, env: childEnv(), encoding: "utf8", timeout, maxBuffer: 32 * 1024 * 1024 });

/** Every file under `dir` with its size and mtime, but node_modules. */
function snapshot(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, d.name);
    if (d.name === "node_modules") continue;
    if (d.isDirectory()) snapshot(path, base, out);
    else if (d.isFile()) {
      const s = statSync(path);
      out.set(relative(base, path), `${s.size}:${s.mtimeMs}`);
    }
  }
  return out;
}

describe("the integration scaffold", () => {
  let copy: string;
  let before: Map<string, string>;
  let scaffold: ReturnType<typeof run>;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), "usage-console-scaffold-"));
    const files = run(".", "git", ["ls-files", "-co", "--exclude-standard", "-z"]).stdout.split("\0").filter(Boolean);
    for (const file of files) {
      // Tracked but deleted in this working tree: not part of the copy.
      if (!existsSync(file) || file.startsWith(`${FOLDER}/`)) continue;
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(file, join(copy, file));
    }
    symlinkSync(join(process.cwd(), "node_modules"), join(copy, "node_modules"), "dir");
    before = snapshot(copy);
    scaffold = run(copy, "npm", ["run", "--silent", "new:integration", "--", ID]);
  }, 60_000);
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it("writes the new folder and changes nothing outside it", () => {
    expect(scaffold.status, scaffold.stderr).toBe(0);
    for (const file of ["contract.ts", "client.ts", "simulator.ts", "server.ts", "api.ts", "index.tsx", `pages/${ID}-list.tsx`, `${ID}.test.ts`, "README.md"])
      expect(existsSync(join(copy, FOLDER, file)), file).toBe(true);
    const after = snapshot(copy);
    const changed = [...after].filter(([file, stamp]) => before.get(file) !== stamp).map(([file]) => file);
    const removed = [...before.keys()].filter((file) => !after.has(file));
    expect(changed.filter((file) => !file.startsWith(`${FOLDER}/`))).toEqual([]);
    expect(removed).toEqual([]);
    const server = readFileSync(join(copy, FOLDER, "server.ts"), "utf8");
    expect(server).toContain("DEMO_WIDGETS_API_BASE_URL");
    expect(server).toContain("PERMISSIONS.integrationRead");
    expect(readFileSync(join(copy, FOLDER, "README.md"), "utf8")).toMatch(/^\| `DEMO_WIDGETS_API_KEY`/m);
  });

  it("refuses an id that is not kebab-case or that exists", () => {
    const bad = run(copy, "npm", ["run", "--silent", "new:integration", "--", "Demo_Widgets"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/kebab-case/);
    const again = run(copy, "npm", ["run", "--silent", "new:integration", "--", ID]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/exists already/);
  });

  it("passes its own tests as generated, its card on the overview in demo mode among them", () => {
    const report = join(copy, "scaffold-report.json");
    const tests = run(copy, join(copy, "node_modules", ".bin", "vitest"), ["run", FOLDER, "--reporter=json", `--outputFile=${report}`], 90_000);
    expect(existsSync(report), tests.stderr.slice(-4000)).toBe(true);
    const results = JSON.parse(readFileSync(report, "utf8")) as {
      numFailedTests: number;
      numPassedTests: number;
      testResults: { assertionResults: { fullName: string; status: string }[] }[];
    };
    const all = results.testResults.flatMap((f) => f.assertionResults);
    expect(
      all.filter((t) => t.status !== "passed").map((t) => t.fullName),
      tests.stderr.slice(-4000),
    ).toEqual([]);
    const overview = all.filter((t) => /card on the overview in demo mode/.test(t.fullName));
    expect(overview.map((t) => t.status)).toEqual(["passed", "passed"]);
    expect(all.some((t) => /403 to a role without integration:Read/.test(t.fullName))).toBe(true);
    expect(results.numPassedTests).toBeGreaterThan(10);
  }, 100_000);

  it("passes the documentation check with no edit outside its folder", () => {
    const docs = run(copy, join(copy, "node_modules", ".bin", "vitest"), ["run", "tests/server/docs.test.ts", "-t", "demo-widgets"]);
    expect(docs.status, docs.stdout.slice(-4000)).toBe(0);
  }, 60_000);

  it("type-checks with the rest of the tree", () => {
    const tsc = run(copy, join(copy, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], 90_000);
    expect(tsc.error).toBeUndefined();
    const own = tsc.stdout.split("\n").filter((line) => line.includes(FOLDER));
    expect(own).toEqual([]);
  }, 100_000);
});
