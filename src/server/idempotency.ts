import { createHash } from "node:crypto";
import { type Db, nowIso } from "./db/database";
import { AppError } from "./errors";

/** What a request answered: replayed as is for the same key and body. */
export interface StoredAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Outcome extends StoredAnswer {
  /**
   * True when a later request with the same key must get this answer again (a success, a 404).
   * False for failures another try may cure (timeout, 5xx, 429): requests that waited on this one
   * still get it, a new request with the key tries again.
   */
  final: boolean;
}

export interface IdempotencyOptions {
  scope: string;
  key: string;
  /** Any value: its hash decides "same body". */
  body: unknown;
  /** How long a request waits for the first one with its key before answering 409. */
  waitMs: number;
  /** A pending key older than this was left by a replica that died: it is taken over. */
  abandonedMs?: number;
  /** How long an answer is kept for replays (24 hours by default, as Stripe does). */
  retentionMs?: number;
  /** For work that must never run twice (a payment, a top-up): an intent kept beside the key. */
  journal?: Journal;
}

/**
 * A write recorded before it is sent, so that a crash between the call and its answer is found out
 * instead of repeated. With a journal a pending key past `abandonedMs` is never run again blindly:
 * `reconcile` decides from the upstream and either answers the key or lets it go.
 */
export interface Journal {
  /** Before the key is claimed (only when it looks free): read what `record` needs (the upstream's state). */
  prepare(): Promise<unknown>;
  /** In the transaction that claims the key: record the intent. False: contended (another write of the same thing in flight), try later. */
  record(trx: Db, prepared: unknown): Promise<boolean>;
  /** In the transaction that stores the answer: complete the intent (and audit it). */
  complete(trx: Db, outcome: Outcome): Promise<void>;
  /** The key's owner is gone: answer the key (applied, unknown) or delete it (not applied). May throw to say "not now". */
  reconcile(): Promise<void>;
}

/** A claim that lost to another write of the same thing: rolled back, tried again. */
class Contended extends Error {}

export const DEFAULT_RETENTION_MS = 24 * 3600_000;

export const bodyHash = (body: unknown) => createHash("sha256").update(JSON.stringify(body)).digest("hex");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  body_hash: string;
  status: number | null;
  response: string | null;
  created_at: string;
}

/**
 * Runs `work` once per (scope, key) across every replica: the insert of the key into the shared
 * `idempotency_keys` table is the lock. Concurrent requests with the key wait for the first one's
 * answer and replay it; the same key with another body is refused with 422.
 */
export async function once(db: Db, options: IdempotencyOptions, work: () => Promise<Outcome>): Promise<StoredAnswer & { replayed: boolean }> {
  const hash = bodyHash(options.body);
  const { scope, key } = options;
  const abandonedMs = options.abandonedMs ?? Math.max(60_000, options.waitMs * 2);
  const started = Date.now();
  let sawPending = false;
  const forget = (createdAt: string) =>
    db.deleteFrom("idempotency_keys").where("scope", "=", scope).where("key", "=", key).where("created_at", "=", createdAt).where("status", "is", null);

  const { journal } = options;
  const find = (): Promise<Row | undefined> =>
    db
      .selectFrom("idempotency_keys")
      .select(["body_hash", "status", "response", "created_at"])
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst();
  /** Inserts the key (and with a journal records the intent in the same transaction): true when this request owns it. */
  const claim = async (): Promise<boolean | "contended"> => {
    let prepared: unknown;
    if (journal) {
      if (await find()) return false;
      prepared = await journal.prepare();
    }
    try {
      return await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto("idempotency_keys")
          .values({ scope, key, body_hash: hash, status: null, response: null, created_at: nowIso() })
          .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
        if (journal && !(await journal.record(trx, prepared))) throw new Contended();
        return true;
      });
    } catch (error) {
      if (error instanceof Contended) return "contended";
      throw error;
    }
  };

  for (;;) {
    const claimed = await claim();
    if (claimed === "contended") {
      if (Date.now() - started > options.waitMs) throw inProgress();
      await sleep(25 + Math.random() * 50);
      continue;
    }
    if (claimed) {
      const answer = await runAsOwner(db, scope, key, work, journal);
      // This scope's answers past their retention go, so the table does not grow for ever.
      const cutoff = new Date(Date.now() - (options.retentionMs ?? DEFAULT_RETENTION_MS)).toISOString();
      await db.deleteFrom("idempotency_keys").where("scope", "=", scope).where("created_at", "<", cutoff).where("status", "is not", null).execute();
      return { ...answer, replayed: false };
    }

    const row = await find();
    if (!row) continue; // the first one failed and let go of the key: try to take it
    if (row.body_hash !== hash) {
      throw new AppError(422, "idempotency_key_reused", "This Idempotency-Key was already used for a different request. Use a new key for a new renewal.", [
        { field: "idempotency-key", message: "was already used with a different body" },
      ]);
    }
    if (row.status !== null && row.response !== null) {
      const stored = JSON.parse(row.response) as StoredAnswer & { final: boolean };
      if (stored.final || sawPending) return { status: row.status, body: stored.body, headers: stored.headers, replayed: true };
      // A failure that another try may cure, and this request did not wait on it: try again.
      await db.deleteFrom("idempotency_keys").where("scope", "=", scope).where("key", "=", key).where("created_at", "=", row.created_at).execute();
      continue;
    }
    sawPending = true;
    if (Date.now() - Date.parse(row.created_at) > abandonedMs) {
      // Its owner died. Without a journal it is taken over; with one the upstream decides, never a second call.
      if (!journal) {
        await forget(row.created_at).execute();
        continue;
      }
      await journal.reconcile();
      const after = await find();
      if (!after || after.status !== null) continue;
    }
    if (Date.now() - started > options.waitMs) throw inProgress();
    await sleep(25 + Math.random() * 25);
  }
}

const inProgress = () => new AppError(409, "idempotency_in_progress", "A renewal with this Idempotency-Key is still in progress. Try again in a moment.");

async function runAsOwner(db: Db, scope: string, key: string, work: () => Promise<Outcome>, journal?: Journal): Promise<StoredAnswer> {
  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (error) {
    // Nothing to replay: let the key go so that a retry can run. With a journal the write may have
    // happened: the key stays pending and is reconciled once abandoned.
    if (!journal) await db.deleteFrom("idempotency_keys").where("scope", "=", scope).where("key", "=", key).execute();
    throw error;
  }
  const { final, ...answer } = outcome;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("idempotency_keys")
      .set({ status: answer.status, response: JSON.stringify({ ...answer, final }) })
      .where("scope", "=", scope)
      .where("key", "=", key)
      .execute();
    await journal?.complete(trx, outcome);
  });
  return answer;
}
