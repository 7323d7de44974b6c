/** The BFF's paths (relative to the console's API base), written once for the server's routes and the browser's data provider. */
export const API = {
  subscriptions: "/pax8/subscriptions",
  summaries: "/pax8/subscriptions/:subscriptionId/usage-summaries",
  summary: "/pax8/usage-summaries/:id",
  lines: "/pax8/usage-summaries/:usageSummaryId/usage-lines",
} as const;
