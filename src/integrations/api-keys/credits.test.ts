import { describe, expect, it } from "vitest";
import { applyDeductions, creditsFor } from "./credits";

describe("creditsFor", () => {
  it("charges a completed batch its email_count and a single verify 1", () => {
    expect(creditsFor({ type: "batch", status: "completed", email_count: 250 })).toBe(250);
    expect(creditsFor({ type: "verify", status: "completed", email_count: 1 })).toBe(1);
    expect(creditsFor({ type: "verify", status: "completed" })).toBe(1);
    expect(creditsFor({ type: "verify", status: "completed", email_count: null })).toBe(1);
  });

  it("charges nothing until the task has completed, and nothing for a failed one", () => {
    expect(creditsFor({ type: "batch", status: "processing", email_count: 250 })).toBe(0);
    expect(creditsFor({ type: "batch", status: "pending", email_count: 250 })).toBe(0);
    expect(creditsFor({ type: "verify", status: "failed", email_count: 1 })).toBe(0);
  });
});

describe("applyDeductions", () => {
  it("takes each deduction in order and records the balance after it", () => {
    const { ledger, balances } = applyDeductions(new Map([["u1", 100]]), [
      { task_id: "a", user_id: "u1", amount: 30 },
      { task_id: "b", user_id: "u1", amount: 20 },
    ]);
    expect(ledger.map((d) => [d.applied, d.shortfall, d.balance_after])).toEqual([
      [30, 0, 70],
      [20, 0, 50],
    ]);
    expect(balances.get("u1")).toBe(50);
  });

  it("never takes a balance below zero: what it cannot pay is the shortfall", () => {
    const { ledger, balances, shortfalls } = applyDeductions(new Map([["u1", 10]]), [
      { task_id: "a", user_id: "u1", amount: 25 },
      { task_id: "b", user_id: "u1", amount: 5 },
    ]);
    expect(ledger[0]).toMatchObject({ applied: 10, shortfall: 15, balance_after: 0 });
    expect(ledger[1]).toMatchObject({ applied: 0, shortfall: 5, balance_after: 0 });
    expect(balances.get("u1")).toBe(0);
    expect(shortfalls.get("u1")).toBe(20);
  });

  it("keeps users' balances apart and leaves the input untouched", () => {
    const input = new Map([
      ["u1", 5],
      ["u2", 50],
    ]);
    const { balances } = applyDeductions(input, [
      { task_id: "a", user_id: "u2", amount: 7 },
      { task_id: "b", user_id: "u1", amount: 1 },
    ]);
    expect([balances.get("u1"), balances.get("u2")]).toEqual([4, 43]);
    expect(input.get("u2")).toBe(50);
  });
});
