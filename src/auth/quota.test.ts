import { describe, expect, it } from "vitest";
import { computeQuota, quotaLevel } from "./quota";

describe("computeQuota", () => {
  it("computes used and percentage as ((total - remaining) / total) * 100", () => {
    expect(computeQuota(10000, 7500)).toEqual({ totalQuota: 10000, remainingQuota: 7500, usedQuota: 2500, usagePercentage: 25 });
    expect(computeQuota(3, 2).usagePercentage).toBe(33.33);
  });

  it("gives no percentage without a total or with a total of 0", () => {
    expect(computeQuota(null, 1234)).toEqual({ totalQuota: null, remainingQuota: 1234, usedQuota: null, usagePercentage: null });
    expect(computeQuota(undefined, 5).usagePercentage).toBeNull();
    expect(computeQuota(0, 0)).toEqual({ totalQuota: 0, remainingQuota: 0, usedQuota: 0, usagePercentage: null });
  });

  it("treats remaining above total as nothing used", () => {
    expect(computeQuota(1000, 1500)).toEqual({ totalQuota: 1000, remainingQuota: 1500, usedQuota: 0, usagePercentage: 0 });
  });

  it("caps at 100 when remaining is negative", () => {
    expect(computeQuota(100, -5).usagePercentage).toBe(100);
  });
});

describe("quotaLevel", () => {
  it("colours by consumption", () => {
    expect(quotaLevel(null)).toBe("unknown");
    expect(quotaLevel(10)).toBe("ok");
    expect(quotaLevel(90)).toBe("warning");
    expect(quotaLevel(100)).toBe("exhausted");
  });
});
