import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const PUBLIC = ["src/lib/client", "src/lib/server"];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : [],
  );
}

/** Relative imports of a file, as paths from the repository root without extension. */
function imports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found = [...source.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  return found.map((spec) => relative(ROOT, resolve(dirname(file), spec)).replace(/\.(tsx?|js)$/, ""));
}

describe("the standalone console is a host like any other", () => {
  const app = [...files(join(ROOT, "src/app")), join(ROOT, "src/main.tsx")];

  it("has files to check", () => {
    expect(app.length).toBeGreaterThan(4);
  });

  it("imports the console only through the two public entry points", () => {
    const outside = app.flatMap((file) =>
      imports(file)
        .filter((target) => !target.startsWith("src/app/") && !PUBLIC.includes(target))
        .map((target) => `${relative(ROOT, file)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
