import { describe, expect, it } from "vitest";
import { answeredBy, nextAttempt } from "./queries";

describe("renew attempts", () => {
  it("keeps the key for a retry of the same renewal and makes a new one when it changes", () => {
    let n = 0;
    const make = () => `k${++n}`;
    const first = nextAttempt(null, { amount: 1000, reason: "x" }, make);
    expect(nextAttempt(first, { amount: 1000, reason: "x" }, make).key).toBe("k1");
    expect(nextAttempt(first, { amount: 500, reason: "x" }, make).key).toBe("k2");
    expect(nextAttempt(first, { amount: 1000, reason: "y" }, make).key).toBe("k3");
  });

  it("keeps the key only while no answer came back: after the server answered, a new click is a new renewal", () => {
    let n = 0;
    const make = () => `k${++n}`;
    const first = nextAttempt(null, { amount: 1000, reason: "x" }, make);
    const same = { amount: 1000, reason: "x" };
    expect(nextAttempt(answeredBy(first, 0), same, make).key).toBe("k1"); // no answer: same key
    expect(nextAttempt(answeredBy(first, 409), same, make).key).toBe("k1"); // still running: same key
    expect(nextAttempt(answeredBy(first, 502), same, make).key).toBe("k2"); // answered: new key
  });
});
