import { describe, expect, it } from "vitest";
import { nextAttempt } from "./queries";

describe("renew attempts", () => {
  it("keeps the key for a retry of the same renewal and makes a new one when it changes", () => {
    let n = 0;
    const make = () => `k${++n}`;
    const first = nextAttempt(null, { amount: 1000, reason: "x" }, make);
    expect(nextAttempt(first, { amount: 1000, reason: "x" }, make).key).toBe("k1");
    expect(nextAttempt(first, { amount: 500, reason: "x" }, make).key).toBe("k2");
    expect(nextAttempt(first, { amount: 1000, reason: "y" }, make).key).toBe("k3");
  });
});
