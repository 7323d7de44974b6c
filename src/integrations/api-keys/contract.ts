import { z } from "zod";
import { PURPOSES } from "./constants";

/**
 * The email-verification API's shapes, as the plan (api-keys-usage.plan.md) names them; where the
 * plan is silent, the shape chosen here is documented in README.md ("The contract"). Browser and
 * server share these types; nothing here imports Node.
 */

export { PURPOSES, type Purpose } from "./constants";
export const purpose = z.enum(PURPOSES);
/** RFC 3339 date-time with an offset (`2026-11-01T00:00:00Z`). */
export const rfc3339 = z.iso.datetime({ offset: true });
const count = z.number().int().nonnegative();
const range = { from: rfc3339.nullable(), to: rfc3339.nullable() };

/** GET /api/v1/api-keys → `{keys}`; `total_requests` counts requests in `from`/`to` when given. */
// z.object, not looseObject: a field the upstream adds (a hash, a secret) is dropped, never passed on.
export const apiKeySummary = z.object({
  id: z.string(),
  user_id: z.string(),
  name: z.string(),
  purpose,
  /** The first characters of the key, safe to show; the rest is never sent again after create. */
  key_prefix: z.string(),
  created_at: rfc3339,
  last_used_at: rfc3339.nullable(),
  total_requests: count,
});
export type APIKeySummary = z.infer<typeof apiKeySummary>;
export const apiKeyList = z.looseObject({ keys: z.array(apiKeySummary) });

/** POST /api/v1/api-keys body. `user_id` lets an admin token create a key for a user; default: the token's own user. */
export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  purpose,
  user_id: z.string().min(1).max(64).optional(),
});

/** → 201: the summary plus `plaintext`, returned this once and never again. */
export const createdApiKey = apiKeySummary.extend({ plaintext: z.string().min(16) });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

/** GET /metrics/api-usage?from&to&user_id: usage grouped by key purpose. */
export const purposeUsage = z.looseObject({ purpose, total_requests: count, last_used_at: rfc3339.nullable() });
export const apiUsageMetrics = z.looseObject({ ...range, total_requests: count, purposes: z.array(purposeUsage) });
export type PurposeUsage = z.infer<typeof purposeUsage>;
export type ApiUsageMetrics = z.infer<typeof apiUsageMetrics>;

/** GET /metrics/verifications?from&to: totals over the completed tasks in the range. */
export const verificationTotals = z.looseObject({ tasks: count, emails: count, valid: count, invalid: count, unknown: count });
export const verificationMetrics = z.looseObject({ ...range, totals: verificationTotals });
export type VerificationTotals = z.infer<typeof verificationTotals>;
export type VerificationMetrics = z.infer<typeof verificationMetrics>;

/** One verification task: a single `/verify` (type "verify") or a batch upload (type "batch"). */
export const task = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  /** The key the task was made with; null for tasks made in the upstream's own app. */
  api_key_id: z.string().nullable(),
  type: z.enum(["verify", "batch"]),
  status: z.enum(["pending", "processing", "completed", "failed"]),
  /** Emails in the task; a single verify may omit it (it counts as 1). */
  email_count: count.nullable().optional(),
  valid_count: count.default(0),
  invalid_count: count.default(0),
  unknown_count: count.default(0),
  created_at: rfc3339,
  completed_at: rfc3339.nullable(),
});
export type Task = z.infer<typeof task>;

/** GET /tasks?user_id&from&to&limit&offset: `from`/`to` filter `created_at`; no api_key_id filter exists. */
export const taskPage = z.looseObject({ tasks: z.array(task), total: count, limit: z.number().int().positive(), offset: count });
export const TASKS_MAX_LIMIT = 500;

/** Every upstream error: `{error: code, message}`. */
export const upstreamErrorBody = z.looseObject({ error: z.string(), message: z.string().optional() });

export const PATHS = {
  keys: "api/v1/api-keys",
  key: (id: string) => `api/v1/api-keys/${encodeURIComponent(id)}`,
  apiUsage: "metrics/api-usage",
  verifications: "metrics/verifications",
  tasks: "tasks",
} as const;
