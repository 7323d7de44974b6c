/** Values the browser needs, apart from contract.ts and api.ts so it gets them without zod. */

/** The plan's integration types, which the upstream calls a key's `purpose`. Spelled as the plan spells them. */
export const PURPOSES = ["Zapier", "n8n", "Google Sheets", "Custom"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The BFF's paths (under the API base), written once for the server's routes and the browser's data provider. */
export const API = {
  keys: "/api-keys/keys",
  key: "/api-keys/keys/:id",
  apiUsage: "/api-keys/metrics/api-usage",
  verifications: "/api-keys/metrics/verifications",
  sync: "/api-keys/sync",
  credits: "/api-keys/credits",
  ledger: "/api-keys/credits/ledger",
} as const;
