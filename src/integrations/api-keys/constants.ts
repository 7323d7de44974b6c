/** Values the browser needs, apart from contract.ts and api.ts so it gets them without zod. */

/** The plan's integration types, which the upstream calls a key's `purpose`. Spelled as the plan spells them. */
export const PURPOSES = ["Zapier", "n8n", "Google Sheets", "Custom"] as const;
export type Purpose = (typeof PURPOSES)[number];

/** The console's routes of this integration. */
export const BASE = "/api-keys";
