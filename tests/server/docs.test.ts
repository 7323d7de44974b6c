import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coreEnvSchema } from "../../src/server/config";
import { serverIntegrations } from "../../src/server/integrations";

/** Every variable the server reads is documented where an operator looks for it. */
describe("configuration documentation", () => {
  const variables = [...Object.keys(coreEnvSchema.shape), ...serverIntegrations.flatMap((i) => Object.keys(i.env.shape))];
  const readme = readFileSync("README.md", "utf8");
  const example = readFileSync(".env.example", "utf8");

  it.each(variables)("%s is in .env.example and README.md", (name) => {
    expect(example).toMatch(new RegExp(`^${name}=`, "m"));
    expect(readme).toContain(`\`${name}\``);
  });
});
