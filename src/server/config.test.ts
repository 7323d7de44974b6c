import { describe, expect, it } from "vitest";
import { ConfigError, coreEnvSchema, parseEnv } from "./config";

describe("configuration", () => {
  it("has working defaults", () => {
    const c = parseEnv(coreEnvSchema, {});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBe("sqlite:data/usage-console.sqlite");
    expect(c.DEMO_USERS).toBe(false);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseEnv(coreEnvSchema, { PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv(coreEnvSchema, { DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    const error = (() => {
      try {
        parseEnv(coreEnvSchema, { SESSION_SECRET: "short", LOG_LEVEL: "loud" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.some((p) => p.startsWith("SESSION_SECRET"))).toBe(true);
    expect(problems.some((p) => p.startsWith("LOG_LEVEL"))).toBe(true);
  });
});
