import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coreEnvSchema } from "../../src/server/config";
import { serverIntegrations } from "../../src/server/integrations";

/** The variables a README's tables document: those named (in backticks) in the first cell of a row. */
function tableVariables(markdown: string): Set<string> {
  const rows = markdown.split("\n").filter((line) => /^\s*\|/.test(line));
  return new Set(rows.flatMap((row) => [...(row.split("|")[1] ?? "").matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1])));
}

const readme = readFileSync("README.md", "utf8");
const example = readFileSync(".env.example", "utf8");
const inExample = (name: string) => new RegExp(`^${name}=`, "m").test(example);

/** Every variable the server reads is documented where an operator looks for it. */
describe("configuration documentation", () => {
  it.each(Object.keys(coreEnvSchema.shape))("the core's %s is in .env.example and README.md", (name) => {
    expect(inExample(name)).toBe(true);
    expect(readme).toContain(`\`${name}\``);
  });

  /**
   * An integration's variables come from its own declaration (`env` in its server.ts) and are
   * documented in its own folder's README, a table row each: a new integration needs no edit
   * outside its folder. The built-ins documented before folders had their own may instead keep
   * theirs in the root README's table and .env.example.
   */
  const integrationVariables = serverIntegrations.flatMap((i) => Object.keys(i.env.shape).map((name) => [i.id, name] as const));
  it.each(integrationVariables)("%s's %s is a row of its README's configuration table", (id, name) => {
    const own = `src/integrations/${id}/README.md`;
    expect(existsSync(own), `${own} is missing`).toBe(true);
    const documented = tableVariables(readFileSync(own, "utf8")).has(name) || (tableVariables(readme).has(name) && inExample(name));
    expect(documented, `document ${name} in a table row of ${own}`).toBe(true);
  });

  it("reads variables from the first cell of table rows only", () => {
    const found = tableVariables("| variable | meaning |\n| --- | --- |\n| `A_B`, `C` | uses `NOT_THIS` |\nSee `NOR_THIS`.\n");
    expect([...found]).toEqual(["A_B", "C"]);
  });
});
