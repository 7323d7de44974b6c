import { z } from "zod";
import { refreshParam } from "../../server/refresh";
import { type CreatedApiKey, createApiKeyBody, rfc3339 } from "./contract";
import type { ApiKeysTables as T } from "./db";

/**
 * The BFF's own routes (paths in constants.ts): their input, checked with zod, and what they answer
 * in `{data, meta}`. Shared by the server (validation) and the browser (types); nothing here imports Node.
 */
export { API } from "./constants";

const { refresh } = refreshParam;

/** `from`/`to` (RFC 3339) normalised to UTC ISO strings, so they compare with stored times. */
const utc = rfc3339.optional().transform((v) => (v ? new Date(v).toISOString() : undefined));
const ordered = <T extends { from?: string; to?: string }>(q: T) => !q.from || !q.to || q.from <= q.to;
const range = z.object({ from: utc, to: utc, refresh });

export const rangeQuery = range.refine(ordered, { message: "must not be before from", path: ["to"] });
export const apiUsageQuery = range
  .extend({ user_id: z.string().trim().min(1).max(64).optional() })
  .refine(ordered, { message: "must not be before from", path: ["to"] });

export const createKeyRequest = createApiKeyBody.pick({ name: true, purpose: true });
export type CreateKeyRequest = z.infer<typeof createKeyRequest>;

/** A key id is one path segment: no dot-segments or slashes, so a revoke cannot reach another upstream path. */
export const keyParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, "must be a key id (letters, digits, - and _)") });

export const ledgerQuery = z.object({
  user_id: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The create answer: the only one that ever holds `plaintext`. */
export type CreateKeyResponse = CreatedApiKey;

type SyncRunView = Omit<T["api_keys_sync_runs"], "id" | "slot" | "replica" | "ok" | "started_at" | "finished_at"> & { id: number; ok: boolean | null };
export type KeySyncView = Omit<T["api_keys_key_sync_state"], "ok"> & { name: string | null; ok: boolean };
/** GET /sync: the last run (`ok` null while it runs), the last good sync, and each key's last sync. */
export type SyncState = { lastRun: (SyncRunView & { startedAt: string; finishedAt: string | null }) | null; lastOkAt: string | null; keys: KeySyncView[] };

export type CreditBalance = T["user_credits"];
export type LedgerEntry = Omit<T["api_keys_credit_ledger"], "id" | "kind"> & { id: number; kind: "grant" | "deduction" };

export type LedgerPage = { entries: LedgerEntry[]; total: number };
