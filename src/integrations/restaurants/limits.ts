/** The Usage API's fixed numbers, apart from contract.ts so the browser gets them without zod. */

/** Unlimited plans answer `-1` for their limits and remaining, and omit `usagePercent`. */
export const UNLIMITED = -1;

/** Upstream page bounds: `GET /api/usage` at most 100 a page, alerts at most 200. */
export const USAGE_PAGE = { default: 20, max: 100 } as const;
export const ALERTS_PAGE = { default: 50, max: 200 } as const;
export const DEFAULT_ALERT_THRESHOLD = 0.9;
export const RENEW_DEFAULT_AMOUNT = 1000;
