import { z } from "zod";
import { refreshParam } from "../../server/refresh";
import { type APIKeySummary, type ApiUsageMetrics, type CreatedApiKey, createApiKeyBody, rfc3339, type VerificationMetrics } from "./contract";

/**
 * The BFF's own routes under /api/api-keys: the upstream's shapes (contract.ts) plus freshness.
 * Shared by the server (validation) and the browser (types); nothing here imports Node.
 */
export { BASE } from "./constants";

const { refresh } = refreshParam;

/** `from`/`to` (RFC 3339) normalised to UTC ISO strings, so they compare with stored times. */
export const rangeQuery = z
  .object({
    from: rfc3339.optional().transform((v) => (v ? new Date(v).toISOString() : undefined)),
    to: rfc3339.optional().transform((v) => (v ? new Date(v).toISOString() : undefined)),
    refresh,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });

export const apiUsageQuery = z
  .object({
    from: rfc3339.optional().transform((v) => (v ? new Date(v).toISOString() : undefined)),
    to: rfc3339.optional().transform((v) => (v ? new Date(v).toISOString() : undefined)),
    user_id: z.string().trim().min(1).max(64).optional(),
    refresh,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] });

export const createKeyRequest = createApiKeyBody.pick({ name: true, purpose: true });
export type CreateKeyRequest = z.infer<typeof createKeyRequest>;

/** A key id is one path segment: no dot-segments or slashes, so a revoke cannot reach another upstream path. */
export const keyParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a key id (letters, digits, - and _)") });

export const ledgerQuery = z.object({
  user_id: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Where a read's figures come from: the upstream now, or (stale) the last synced data. */
export interface Freshness {
  fetchedAt: string | null;
  stale: boolean;
  lastSyncedAt: string | null;
  /** Why the figures are stale, in words safe to show. */
  message?: string;
}

export type KeysResponse = { keys: APIKeySummary[] } & Freshness;
export type ApiUsageResponse = ApiUsageMetrics & Freshness;
export type VerificationsResponse = VerificationMetrics & Freshness;
/** The create answer: the only one that ever holds `plaintext`. */
export type CreateKeyResponse = CreatedApiKey;

export interface SyncRunView {
  id: number;
  trigger: string;
  ok: boolean | null;
  error: string | null;
  keys: number;
  tasks: number;
  deducted: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface KeySyncView {
  key_id: string;
  name: string | null;
  synced_at: string;
  ok: boolean;
  error: string | null;
}

export interface SyncStateResponse {
  lastRun: SyncRunView | null;
  lastOkAt: string | null;
  keys: KeySyncView[];
}

export interface CreditBalance {
  user_id: string;
  balance: number;
  shortfall: number;
  updated_at: string;
}

export interface LedgerEntry {
  id: number;
  user_id: string;
  task_id: string | null;
  kind: "grant" | "deduction";
  amount: number;
  applied: number;
  shortfall: number;
  balance_after: number;
  at: string;
}

export interface CreditsResponse {
  users: CreditBalance[];
}

export interface LedgerResponse {
  entries: LedgerEntry[];
  total: number;
}
