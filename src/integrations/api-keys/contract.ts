import { z } from "zod";

/**
 * The email-verification API's shapes, as the plan (api-keys-usage.plan.md) names them; where the
 * plan is silent, the shape chosen here is documented in README.md ("The contract"). Browser and
 * server share these types; nothing here imports Node.
 */

import { PURPOSES, type Purpose } from "./constants";

export { PURPOSES, type Purpose };
export const purpose = z.enum(PURPOSES);

/** RFC 3339 date-time with an offset (`2026-11-01T00:00:00Z`). */
export const rfc3339 = z.iso.datetime({ offset: true });

/** GET /api/v1/api-keys → `{keys: APIKeySummary[]}`; `total_requests` counts requests in `from`/`to` when given. */
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
  total_requests: z.number().int().nonnegative(),
});
export type APIKeySummary = z.infer<typeof apiKeySummary>;

export const apiKeyList = z.looseObject({ keys: z.array(apiKeySummary) });
export type APIKeyList = z.infer<typeof apiKeyList>;

/** POST /api/v1/api-keys body. `user_id` lets an admin token create a key for a user; default: the token's own user. */
export const createApiKeyBody = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  purpose,
  user_id: z.string().min(1).max(64).optional(),
});
export type CreateApiKeyBody = z.infer<typeof createApiKeyBody>;

/** POST /api/v1/api-keys → 201: the summary plus `plaintext`, returned this once and never again. */
export const createdApiKey = apiKeySummary.extend({ plaintext: z.string().min(16) });
export type CreatedApiKey = z.infer<typeof createdApiKey>;

/** GET /metrics/api-usage?from&to&user_id: usage grouped by key purpose. */
export const purposeUsage = z.looseObject({
  purpose,
  total_requests: z.number().int().nonnegative(),
  last_used_at: rfc3339.nullable(),
});
export const apiUsageMetrics = z.looseObject({
  from: rfc3339.nullable(),
  to: rfc3339.nullable(),
  total_requests: z.number().int().nonnegative(),
  purposes: z.array(purposeUsage),
});
export type PurposeUsage = z.infer<typeof purposeUsage>;
export type ApiUsageMetrics = z.infer<typeof apiUsageMetrics>;

/** GET /metrics/verifications?from&to: totals over the completed tasks in the range. */
export const verificationTotals = z.looseObject({
  tasks: z.number().int().nonnegative(),
  emails: z.number().int().nonnegative(),
  valid: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
});
export const verificationMetrics = z.looseObject({
  from: rfc3339.nullable(),
  to: rfc3339.nullable(),
  totals: verificationTotals,
});
export type VerificationTotals = z.infer<typeof verificationTotals>;
export type VerificationMetrics = z.infer<typeof verificationMetrics>;

export const TASK_STATUSES = ["pending", "processing", "completed", "failed"] as const;

/** One verification task: a single `/verify` (type "verify") or a batch upload (type "batch"). */
export const task = z.looseObject({
  id: z.string(),
  user_id: z.string(),
  /** The key the task was made with; null for tasks made in the upstream's own app. */
  api_key_id: z.string().nullable(),
  type: z.enum(["verify", "batch"]),
  status: z.enum(TASK_STATUSES),
  /** Emails in the task; a single verify may omit it (it counts as 1). */
  email_count: z.number().int().nonnegative().nullable().optional(),
  valid_count: z.number().int().nonnegative().default(0),
  invalid_count: z.number().int().nonnegative().default(0),
  unknown_count: z.number().int().nonnegative().default(0),
  created_at: rfc3339,
  completed_at: rfc3339.nullable(),
});
export type Task = z.infer<typeof task>;

/** GET /tasks?user_id&from&to&limit&offset: `from`/`to` filter `created_at`; no api_key_id filter exists. */
export const taskPage = z.looseObject({
  tasks: z.array(task),
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  offset: z.number().int().nonnegative(),
});
export type TaskPage = z.infer<typeof taskPage>;
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
