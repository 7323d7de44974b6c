// The library as it is published: `usage-console/client` and `usage-console/server` from dist-lib/.
// React, react-dom, antd, Refine, react-router and react-query are the host's (peer dependencies):
// a second copy in the bundle breaks hooks and contexts, so the built files must import them, bare,
// and contain none of their code. Builds the library first when a source is newer than dist-lib/.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Fastify from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureLib, exportTargets, LIB_DIR, ROOT } from "../../scripts/build-lib.mjs";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  exports: Record<string, unknown>;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

/** Must be the host's, never bundled. */
const HOST_PACKAGES = [
  "react",
  "react-dom",
  "antd",
  "@ant-design/icons",
  "@refinedev/core",
  "@refinedev/antd",
  "@refinedev/react-router",
  "react-router",
  "@tanstack/react-query",
];
/** Server-only packages the browser entry must not reach. */
const SERVER_PACKAGES = ["fastify", "fastify-plugin", "@fastify/cookie", "@fastify/static", "kysely", "better-sqlite3", "pg", "zod"];

/** Strings found only inside those packages' own code. */
const FOREIGN_CODE: Array<[string, string]> = [
  ["react.production", "React's build"],
  ["react-dom.production", "react-dom's build"],
  ["__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE", "React's internals"],
  ['Symbol.for("react.transitional.element")', "React's JSX runtime"],
  ["may be used only in the context of a <Router>", "react-router"],
  ["No QueryClient set, use QueryClientProvider", "react-query"],
  ["telemetry.refine.dev", "@refinedev/core"],
  ["genStyleHooks", "antd's styles"],
  ["useStyleRegister", "@ant-design/cssinjs"],
];

const files = (dir: string, ext: RegExp): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : []));

/** Every module specifier a built file imports (static, re-export, dynamic). */
function specifiers(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/(?:^|[\s;}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)) found.add(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.add(m[1]);
  return [...found];
}

const isBare = (s: string) => !s.startsWith(".") && !s.startsWith("/");
const packageName = (s: string) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]);
const isBuiltin = (s: string) => s.startsWith("node:") || builtinModules.includes(s.split("/")[0]);

/** The built JS of one entry: the entry file and the chunks it reaches. */
function reachable(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = readFileSync(file, "utf8");
    seen.set(file, code);
    for (const s of specifiers(code).filter((s) => !isBare(s))) visit(resolve(dirname(file), s));
  };
  visit(entry);
  return seen;
}

describe("the published package", () => {
  let client: Map<string, string>;
  let server: Map<string, string>;
  beforeAll(async () => {
    await ensureLib();
    client = reachable(join(LIB_DIR, "client.js"));
    server = reachable(join(LIB_DIR, "server.js"));
  }, 240_000);

  it("declares ./client and ./server with types, pointing at built files", () => {
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(["./client", "./server"]));
    for (const entry of ["./client", "./server"]) {
      const target = pkg.exports[entry] as { types?: string; import?: string; default?: string };
      expect(target.types, `${entry} has types`).toMatch(/\.d\.ts$/);
      expect(target.import ?? target.default, `${entry} has a module`).toMatch(/\.js$/);
    }
    const missing = exportTargets(pkg).filter((t) => !existsSync(join(ROOT, t)));
    expect(missing).toEqual([]);
  });

  it("packs dist-lib/ and no sources, tests or console build", () => {
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
    ) as [{ files: Array<{ path: string }> }];
    const paths = packed.files.map((f) => f.path);
    for (const target of exportTargets(pkg).filter((t) => t !== "./package.json")) expect(paths).toContain(target.replace(/^\.\//, ""));
    expect(paths.filter((p) => !/^(dist-lib\/|package\.json$|README\.md$|LICENSE)/.test(p))).toEqual([]);
  });

  it("keeps React, antd, Refine, react-router and react-query out of the built files", () => {
    for (const [file, code] of [...client, ...server]) {
      for (const [marker, what] of FOREIGN_CODE) expect(code.includes(marker), `${relative(ROOT, file)} contains ${what} ("${marker}")`).toBe(false);
    }
    // Each source map names what went into its file: only the project's own sources.
    for (const map of files(LIB_DIR, /\.js\.map$/)) {
      const sources = (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
      expect(
        sources.filter((s) => s.includes("node_modules") || !s.includes("src/")),
        `${relative(ROOT, map)} bundles no package`,
      ).toEqual([]);
    }
  });

  it("imports the host's packages by their bare names, as peer dependencies", () => {
    const imported = [...client.values()].flatMap(specifiers).filter(isBare);
    expect(imported.filter((s) => s.includes("node_modules") || s.startsWith("\0"))).toEqual([]);
    expect(imported).toEqual(expect.arrayContaining(["react", "react/jsx-runtime", "antd", "@refinedev/core"]));
    // A production build: the development JSX runtime is not for a host's production bundle.
    expect(imported).not.toContain("react/jsx-dev-runtime");
    for (const name of HOST_PACKAGES) expect(pkg.peerDependencies, `${name} is a peer dependency`).toHaveProperty([name]);
    expect(pkg.peerDependencies).toHaveProperty(["fastify"]);
  });

  it("has the browser entry import no server package and the server entry no browser package", () => {
    const clientPackages = new Set([...client.values()].flatMap(specifiers).filter(isBare).map(packageName));
    const serverPackages = new Set([...server.values()].flatMap(specifiers).filter(isBare).map(packageName));
    expect([...clientPackages].filter((p) => SERVER_PACKAGES.includes(p) || isBuiltin(p))).toEqual([]);
    expect([...serverPackages].filter((p) => HOST_PACKAGES.includes(p) && p !== "fastify")).toEqual([]);
  });

  it("imports only packages a user's install provides (dependencies, peers, Node's own)", () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const imported = new Set(
      [...client.values(), ...server.values()]
        .flatMap(specifiers)
        .filter(isBare)
        .filter((s) => !isBuiltin(s))
        .map(packageName),
    );
    expect([...imported].filter((p) => !declared.has(p))).toEqual([]);
  });

  it("ships declarations whose imports resolve inside the package", () => {
    const declarations = files(join(LIB_DIR, "types"), /\.d\.ts$/);
    expect(declarations.map((f) => relative(LIB_DIR, f))).toEqual(expect.arrayContaining(["types/lib/client.d.ts", "types/lib/server.d.ts"]));
    // Inferred types may name a package a peer brings with it (react-query's @tanstack/query-core).
    const broughtByPeers = Object.keys(pkg.peerDependencies).flatMap((p) =>
      Object.keys((JSON.parse(readFileSync(join(ROOT, "node_modules", p, "package.json"), "utf8")) as { dependencies?: object }).dependencies ?? {}),
    );
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies), ...broughtByPeers]);
    const problems: string[] = [];
    for (const file of declarations) {
      const code = readFileSync(file, "utf8");
      if (/\/\/\/\s*<reference types="vite/.test(code)) problems.push(`${relative(LIB_DIR, file)} references Vite's types`);
      for (const s of specifiers(code)) {
        if (isBare(s)) {
          if (!isBuiltin(s) && !declared.has(packageName(s))) problems.push(`${relative(LIB_DIR, file)} imports ${s}, not a dependency`);
          continue;
        }
        const base = resolve(dirname(file), s).replace(/\.(js|ts|tsx)$/, "");
        if (![".d.ts", "/index.d.ts"].some((ext) => existsSync(base + ext))) problems.push(`${relative(LIB_DIR, file)} imports ${s}, not shipped`);
      }
    }
    expect(problems).toEqual([]);
    expect(readFileSync(join(LIB_DIR, "types/lib/client.d.ts"), "utf8")).toMatch(/usageConsole/);
    expect(readFileSync(join(LIB_DIR, "types/lib/server.d.ts"), "utf8")).toMatch(/usageConsole/);
  });

  it("runs: the built server plugin mounts under a prefix with the host's authenticate", async () => {
    const { usageConsole } = (await import(pathToFileURL(join(LIB_DIR, "server.js")).href)) as typeof import("../../src/lib/server");
    const app = Fastify();
    app.get("/orders", async () => [{ id: 1 }]);
    await app.register(usageConsole, {
      prefix: "/usage-api",
      env: { DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent" },
      authenticate: (request) =>
        request.headers["x-test-user"] === "reader" ? { id: "r-1", email: "reader@host.test", permissions: ["integration:Read"] } : null,
    });
    try {
      const anonymous = await app.inject({ url: "/usage-api/auth/me" });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) }, requestId: expect.any(String) });
      const me = await app.inject({ url: "/usage-api/auth/me", headers: { "x-test-user": "reader" } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email: "reader@host.test", permissions: ["integration:Read"] });
      expect((await app.inject({ url: "/usage-api/audit-logs", headers: { "x-test-user": "reader" } })).statusCode).toBe(403);
      // The host's own routes are untouched; nothing is mounted outside the prefix.
      expect((await app.inject({ url: "/orders" })).json()).toEqual([{ id: 1 }]);
      expect((await app.inject({ url: "/api/auth/me" })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
