import { describe, expect, it } from "vitest";
import { chargesByCurrency, headline, parseBudget } from "./charges";

describe("parseBudget", () => {
  it("reads a plain amount as USD and CUR:amount pairs", () => {
    expect(parseBudget("15000")).toEqual({ USD: 15000 });
    expect(parseBudget("usd:15000, EUR:5000.5")).toEqual({ USD: 15000, EUR: 5000.5 });
    expect(parseBudget("GBP 900")).toEqual({ GBP: 900 });
  });

  it("explains a value it cannot read", () => {
    expect(parseBudget("lots")).toMatch(/USD:15000,EUR:5000/);
    expect(parseBudget("0")).toMatch(/positive/);
    expect(parseBudget("USD:0")).toMatch(/must be/);
  });
});

describe("chargesByCurrency", () => {
  const summaries = [
    { currencyCode: "USD", currentCharges: 100.555, partnerTotal: 80 },
    { currencyCode: "EUR", currentCharges: 40, partnerTotal: 30 },
    { currencyCode: "USD", currentCharges: 50, partnerTotal: 41.5 },
    { currencyCode: "GBP" },
  ];

  it("sums each currency, largest first, never adding one currency to another", () => {
    expect(chargesByCurrency(summaries)).toEqual([
      { currency: "USD", currentCharges: 150.56, partnerTotal: 121.5 },
      { currency: "EUR", currentCharges: 40, partnerTotal: 30 },
      { currency: "GBP", currentCharges: 0, partnerTotal: 0 },
    ]);
  });

  it("measures each budgeted currency against its budget, over 100 when over budget", () => {
    const charges = chargesByCurrency(summaries, { USD: 100, CAD: 500 });
    expect(charges.find((c) => c.currency === "USD")).toMatchObject({ budget: 100, percentage: 150.56 });
    expect(charges.find((c) => c.currency === "CAD")).toEqual({ currency: "CAD", currentCharges: 0, partnerTotal: 0, budget: 500, percentage: 0 });
    expect(charges.find((c) => c.currency === "EUR")).not.toHaveProperty("budget");
  });
});

describe("headline", () => {
  it("takes the budgeted currency with the largest charges, capping the bar at 100%", () => {
    const charges = chargesByCurrency(
      [
        { currencyCode: "USD", currentCharges: 150 },
        { currencyCode: "EUR", currentCharges: 900 },
      ],
      { USD: 100 },
    );
    expect(headline(charges)).toEqual({ totalQuota: 100, remainingQuota: 0, usedQuota: 150, usagePercentage: 100, unit: "USD" });
  });

  it("has no quota figures without a budget", () => {
    expect(headline(chargesByCurrency([{ currencyCode: "EUR", currentCharges: 9 }]))).toEqual({
      totalQuota: null,
      remainingQuota: null,
      usedQuota: null,
      usagePercentage: null,
      unit: "EUR",
    });
  });
});
