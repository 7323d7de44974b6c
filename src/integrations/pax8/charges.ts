/*
 * This month's Pax8 charges per currency and the budget they are measured against: pure functions
 * shared by the server (the overview entry) and the browser (the card, the list's totals line).
 */

/** Monthly budget per ISO 4217 currency, from PAX8_MONTHLY_BUDGET. */
export type Budget = Record<string, number>;

/**
 * One currency's figures on the overview card (`details.charges` of the Pax8 entry): the sums of the
 * usage summaries' currentCharges (Pax8: the current month's) and partnerTotal, and with a budget,
 * currentCharges as a share of it, 0–∞ (over budget is above 100), two decimals.
 */
export type CurrencyCharges = { currency: string; currentCharges: number; partnerTotal: number; budget?: number; percentage?: number };

/** The Pax8 entry's `details`: `month` is yyyy-MM. */
export type Pax8UsageDetails = { month: string; charges: CurrencyCharges[]; summaries: number; subscriptions: number };

export const BUDGET_FORMAT = "an amount (in USD) or CUR:amount pairs separated by commas, e.g. USD:15000,EUR:5000";

/**
 * Parses PAX8_MONTHLY_BUDGET: `15000` (USD) or `USD:15000,EUR:5000`. Returns a reason for a wrong
 * value instead of throwing, so the configuration check can name the variable.
 */
export function parseBudget(value: string): Budget | string {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) > 0 ? { USD: Number(text) } : `must be positive: ${BUDGET_FORMAT}`;
  const budget: Budget = {};
  for (const part of text.split(",")) {
    const m = /^\s*([A-Za-z]{3})\s*[: ]\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m || Number(m[2]) <= 0) return `must be ${BUDGET_FORMAT}`;
    budget[m[1].toUpperCase()] = Number(m[2]);
  }
  return budget;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

type Charged = { currencyCode?: string; currentCharges?: number; partnerTotal?: number };

/**
 * Totals per currency, largest first, with each budget's percentage. A budgeted currency with no
 * charges yet is listed at zero so the card shows the bar from the first day.
 */
export function chargesByCurrency(items: Charged[], budget: Budget = {}): CurrencyCharges[] {
  const sums = new Map(Object.keys(budget).map((code) => [code, { currentCharges: 0, partnerTotal: 0 }]));
  for (const { currencyCode = "—", currentCharges = 0, partnerTotal = 0 } of items) {
    const sum = sums.get(currencyCode) ?? { currentCharges: 0, partnerTotal: 0 };
    sums.set(currencyCode, { currentCharges: sum.currentCharges + currentCharges, partnerTotal: sum.partnerTotal + partnerTotal });
  }
  return [...sums.entries()]
    .map(([currency, s]): CurrencyCharges => {
      const limit = budget[currency];
      const percentage = limit ? { budget: limit, percentage: round((s.currentCharges / limit) * 100) } : {};
      return { currency, currentCharges: round(s.currentCharges), partnerTotal: round(s.partnerTotal), ...percentage };
    })
    .sort((a, b) => b.currentCharges - a.currentCharges || a.currency.localeCompare(b.currency));
}

/**
 * The overview's headline figures: those of the budgeted currency with the largest charges (the
 * generic quota fields show one bar); none without a budget.
 */
export function headline(charges: CurrencyCharges[]) {
  const main = charges.find((c) => c.budget !== undefined);
  if (main?.budget === undefined) return { totalQuota: null, remainingQuota: null, usedQuota: null, usagePercentage: null, unit: charges[0]?.currency ?? "" };
  const { budget, currentCharges, percentage = 0, currency } = main;
  const remainingQuota = round(Math.max(0, budget - currentCharges));
  return { totalQuota: budget, remainingQuota, usedQuota: currentCharges, usagePercentage: Math.min(100, percentage), unit: currency };
}
