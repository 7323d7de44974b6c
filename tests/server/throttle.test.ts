import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, TEST_DATABASES, TEST_PASSWORD, type TestApp } from "../helpers/app";

describe.each(TEST_DATABASES)("the sign-in throttle under concurrency (%s)", (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database, env: { TRUST_PROXY: "1" } });
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    t.app.inject({ method: "POST", url: "/api/auth/login", headers: { "x-forwarded-for": ip }, payload: { email, password } });

  it("checks no more guesses than the limit when 60 wrong passwords arrive at once", async () => {
    // From many addresses, so that only the account's limit applies.
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => login("viewer@example.com", `guess-${i}`, `198.51.100.${i + 1}`)));
    const checked = answers.filter((r) => r.statusCode === 401).length;
    const refused = answers.filter((r) => r.statusCode === 429).length;
    console.log(`throttle (${database}): 60 concurrent guesses, ${checked} checked, ${refused} refused`);
    expect(checked).toBe(5);
    expect(refused).toBe(55);
    expect(Number(answers.find((r) => r.statusCode === 429)!.headers["retry-after"])).toBeGreaterThan(0);
    // Even the right password waits: the account is what is protected.
    expect((await login("viewer@example.com", TEST_PASSWORD, "198.51.100.200")).statusCode).toBe(429);
  });

  it("slows an address that fails often without locking a correct password from elsewhere", async () => {
    const office = "203.0.113.7";
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`nobody-${i}@example.com`, "x", office)));
    expect(answers.filter((r) => r.statusCode === 401).length).toBe(20);
    expect(answers.filter((r) => r.statusCode === 429).length).toBe(10);
    expect((await login("support@example.com", TEST_PASSWORD, office)).statusCode).toBe(429);
    expect((await login("support@example.com", TEST_PASSWORD, "203.0.113.8")).statusCode).toBe(200);
  });

  it("folds repeated failures of an account from an address into one audit row a minute", async () => {
    const before = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await Promise.all(Array.from({ length: 40 }, () => login("editor@example.com", "wrong", "192.0.2.99")));
    const after = await t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBeLessThanOrEqual(2); // a minute may turn during the burst
    const rows = await t.db.selectFrom("audit_log").select(["count", "ip"]).where("target", "=", "user:editor@example.com").execute();
    expect(rows.reduce((sum, r) => sum + Number(r.count), 0)).toBe(40);
    expect(rows.every((r) => r.ip === "192.0.2.99")).toBe(true);
  });
});
