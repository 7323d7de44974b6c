import { describe, expect, it } from "vitest";
import { formatMoney, formatNumber, formatPercent } from "./format";

describe("formatting for people", () => {
  it("groups thousands and shows a dash for nothing", () => {
    expect(formatNumber(10000)).toBe("10,000");
    expect(formatNumber(2.256)).toBe("2.26");
    expect(formatNumber(null)).toBe("—");
  });

  it("shows percentages with at most two decimals", () => {
    expect(formatPercent(25)).toBe("25%");
    expect(formatPercent(33.3333)).toBe("33.33%");
  });

  it("shows money in its currency", () => {
    expect(formatMoney(1234.5, "EUR")).toBe("€1,234.50");
    expect(formatMoney(10, "USD")).toBe("$10.00");
    expect(formatMoney(3, "NOPE1")).toBe("3.00 NOPE1");
    expect(formatMoney(0.000016, "USD")).toBe("$0.000016");
    expect(formatMoney(0.0033, "EUR")).toBe("€0.0033");
    expect(formatMoney(0.0416, "USD")).toBe("$0.04");
  });
});
