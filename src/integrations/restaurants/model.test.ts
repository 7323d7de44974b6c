import { describe, expect, it } from "vitest";
import { limitOffset } from "../../client/data-provider";
import type { RestaurantUsage } from "./contract";
import { applyRenew, figuresOf, historySeries, percentToThreshold, thresholdToPercent, withRenewals } from "./model";

const row = (over: Partial<RestaurantUsage> = {}): RestaurantUsage => ({
  restaurantId: "r1",
  restaurantName: "R1",
  conversationsThisMonth: 930,
  lastConversationAt: null,
  allowance: { dailyLimit: 1000, dailyRemaining: 990, monthlyLimit: 1000, monthlyRemaining: 70 },
  adjustedBy: 0,
  usagePercent: 93,
  isNearingQuota: true,
  firstActivity: null,
  lastActivity: null,
  isActive: true,
  ...over,
});

describe("restaurant figures", () => {
  it("marks a restaurant at 93 % as near quota", () => {
    expect(figuresOf(row())).toMatchObject({ used: 930, limit: 1000, remaining: 70, percent: 93, badge: "near_quota", over: false });
  });

  it("shows an unlimited plan (limit -1, no usagePercent) as Unlimited, with no percent", () => {
    const f = figuresOf(
      row({ allowance: { dailyLimit: -1, dailyRemaining: -1, monthlyLimit: -1, monthlyRemaining: -1 }, usagePercent: undefined, isNearingQuota: false }),
    );
    expect(f).toMatchObject({ unlimited: true, limit: null, remaining: null, percent: null, badge: "unlimited" });
  });

  it("shows a restaurant past its limit as over quota though usagePercent stops at 100", () => {
    const f = figuresOf(
      row({ conversationsThisMonth: 1130, usagePercent: 100, allowance: { dailyLimit: 1000, dailyRemaining: 0, monthlyLimit: 1000, monthlyRemaining: 0 } }),
    );
    expect(f).toMatchObject({ used: 1130, limit: 1000, percent: 100, over: true, badge: "over_quota" });
  });

  it("computes the percent from the allowance when the upstream leaves it out", () => {
    expect(figuresOf(row({ usagePercent: undefined, conversationsThisMonth: 250, isNearingQuota: false })).percent).toBe(25);
  });

  it("applies a renewal's answer to the row", () => {
    const after = applyRenew(row(), {
      restaurantId: "r1",
      used: 930,
      limit: 1000,
      effectiveLimit: 2000,
      adjustedBy: 1000,
      remaining: 1070,
      usagePercent: 46.5,
      isNearingQuota: false,
    });
    expect(after).toMatchObject({
      adjustedBy: 1000,
      usagePercent: 46.5,
      isNearingQuota: false,
      allowance: { monthlyLimit: 2000, monthlyRemaining: 1070, dailyLimit: 1000 },
    });
    expect(figuresOf(after).badge).toBeNull();
  });
});

describe("rows with renewals", () => {
  const outcome = {
    restaurantId: "r1",
    used: 930,
    limit: 1000,
    effectiveLimit: 2000,
    adjustedBy: 1000,
    remaining: 1070,
    usagePercent: 46.5,
    isNearingQuota: false,
  };
  it("shows a renewal on a page fetched before it, and the page's own figures once fetched after", () => {
    const rows = [row(), row({ restaurantId: "r2" })];
    const renewed = { r1: { outcome, at: 2000 } };
    expect(withRenewals(rows, renewed, 1000).map((r) => r.allowance.monthlyLimit)).toEqual([2000, 1000]);
    expect(withRenewals(rows, renewed, 3000).map((r) => r.allowance.monthlyLimit)).toEqual([1000, 1000]);
  });
});

describe("history series", () => {
  it("gives six months oldest first and fills a missing month with 0", () => {
    const bars = historySeries(
      [
        { month: 11, year: 2026, conversationCount: 45, lastConversationAt: null },
        { month: 9, year: 2026, conversationCount: 123, lastConversationAt: null },
      ],
      new Date("2026-11-24T12:00:00Z"),
    );
    expect(bars.map((b) => b.label)).toEqual(["Jun 26", "Jul", "Aug", "Sep", "Oct", "Nov"]);
    expect(bars.map((b) => b.value)).toEqual([0, 0, 0, 123, 0, 45]);
  });

  it("labels January with its year across a year boundary", () => {
    expect(historySeries([], new Date("2027-02-10T00:00:00Z")).map((b) => b.label)).toEqual(["Sep 26", "Oct", "Nov", "Dec", "Jan 27", "Feb"]);
  });
});

describe("mapping Refine's pagination and the threshold", () => {
  it("turns a 1-based page into limit and offset", () => {
    expect(limitOffset({ currentPage: 3, pageSize: 20 }, 20, 100)).toEqual({ limit: 20, offset: 40 });
    expect(limitOffset(undefined, 20, 100)).toEqual({ limit: 20, offset: 0 });
    expect(limitOffset({ currentPage: 0, pageSize: 50 }, 20, 100)).toEqual({ limit: 50, offset: 0 });
  });

  it("converts a percent to the API's share and back", () => {
    expect(percentToThreshold(90)).toBe(0.9);
    expect(percentToThreshold(87.5)).toBe(0.875);
    expect(percentToThreshold(150)).toBe(1);
    expect(thresholdToPercent(0.9)).toBe(90);
  });
});
