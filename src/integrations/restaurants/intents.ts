import { type Generated, type Kysely, type Migration, sql } from "kysely";
import { type Db, nowIso, withAutoId } from "../../server/db/database";

/**
 * Renewal intents: what a renewal is about to do, written in the transaction that claims its
 * Idempotency-Key and before the upstream is called, so that a crash between the call and its
 * answer is found out (reconcile.ts) instead of repeated. One pending intent per restaurant at a
 * time (a unique index), so a change of the restaurant's `adjustedBy` can only be that renewal's.
 */
export interface RenewalIntentsTable {
  id: Generated<number>;
  scope: string;
  key: string;
  restaurant_id: string;
  actor_id: string | null;
  actor_email: string | null;
  request_id: string | null;
  ip: string | null;
  amount: number;
  reason: string;
  /** The restaurant's `adjustedBy` read from the upstream just before the claim, and that month ("YYYY-MM", UTC). */
  adjusted_before: number;
  month: string;
  /** pending → applied | not_applied | unknown (a person resolves it: applied | not_applied, `resolved_by`). */
  state: IntentState;
  created_at: string;
  finished_at: string | null;
  /** A replica checking a pending intent holds it until then. */
  checking_until: string | null;
  resolved_by: string | null;
}

export type IntentState = "pending" | "applied" | "not_applied" | "unknown";
export type Intent = Omit<RenewalIntentsTable, "id"> & { id: number };
export type IntentsDb = Kysely<Db extends Kysely<infer C> ? C & { restaurants_renewal_intents: RenewalIntentsTable } : never>;
export const intentsOf = (db: Db): IntentsDb => db.withTables<{ restaurants_renewal_intents: RenewalIntentsTable }>();

/** How far another replica's clock may be off: a renewal that finished this close before a read may be missing from it. */
export const CLOCK_MARGIN_MS = 1_000;

/** Intents this process finished (ids, the newest 1,000): its own clock ordered them, so no margin is needed for them. */
const finishedHere = new Set<number>();

/**
 * True when a renewal finished this close to `readAt` may be missing from a read made then: one
 * finished by another replica within the clock margin, or by this process not strictly before.
 */
export const mayBeUnseen = (row: { id: number; finished_at: string | null }, readAt: number) =>
  row.finished_at !== null && (finishedHere.has(row.id) ? Date.parse(row.finished_at) >= readAt : Date.parse(row.finished_at) >= readAt - CLOCK_MARGIN_MS);

export const monthOf = (d: Date) => d.toISOString().slice(0, 7);

/** New migrations only, never an edit of a shipped one. */
export const restaurantsMigrations: Record<string, Migration> = {
  "restaurants-001-renewal-intents": {
    async up(db: Kysely<any>) {
      let t = withAutoId(db, db.schema.createTable("restaurants_renewal_intents"));
      for (const c of ["scope", "key", "restaurant_id", "reason", "month", "state", "created_at"]) t = t.addColumn(c, "text", (col) => col.notNull());
      for (const c of ["actor_id", "actor_email", "request_id", "ip", "finished_at", "checking_until", "resolved_by"]) t = t.addColumn(c, "text");
      for (const c of ["amount", "adjusted_before"]) t = t.addColumn(c, "integer", (col) => col.notNull());
      await t.execute();
      await sql`create unique index restaurants_renewal_intents_one_pending on restaurants_renewal_intents (restaurant_id) where state = 'pending'`.execute(db);
      await db.schema.createIndex("restaurants_renewal_intents_key").on("restaurants_renewal_intents").columns(["scope", "key"]).execute();
      await db.schema.createIndex("restaurants_renewal_intents_state").on("restaurants_renewal_intents").columns(["state", "created_at"]).execute();
    },
  },
};

/**
 * Records a pending intent, in the claim's transaction. False (nothing written) when another
 * renewal of the restaurant is pending, or one finished after `readAt` (the `adjustedBy` read
 * before may miss it): the caller reads again and tries later.
 */
export async function recordIntent(
  trx: Db,
  intent: Omit<Intent, "id" | "state" | "created_at" | "finished_at" | "checking_until" | "resolved_by">,
  readAt: number,
) {
  const db = intentsOf(trx);
  const inserted = await db
    .insertInto("restaurants_renewal_intents")
    .values({ ...intent, state: "pending", created_at: nowIso(), finished_at: null, checking_until: null, resolved_by: null })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
  const since = new Date(readAt - CLOCK_MARGIN_MS).toISOString();
  const finished = await db
    .selectFrom("restaurants_renewal_intents")
    .select(["id", "finished_at"])
    .where("restaurant_id", "=", intent.restaurant_id)
    .where("finished_at", ">=", since)
    .execute();
  // False makes once() roll the claim (this insert included) back.
  return !finished.some((row) => mayBeUnseen(row, readAt));
}

/** Sets a pending intent's outcome (and the audit entry that says it), in the caller's transaction. */
export async function finishIntent(trx: Db, id: number, state: IntentState, resolvedBy?: string) {
  await intentsOf(trx)
    .updateTable("restaurants_renewal_intents")
    .set({ state, finished_at: nowIso(), checking_until: null, ...(resolvedBy ? { resolved_by: resolvedBy } : {}) })
    .where("id", "=", id)
    .execute();
  finishedHere.add(id);
  if (finishedHere.size > 1_000) finishedHere.delete(finishedHere.values().next().value!);
}

/** The audit entry of a renewal written in a transaction with its intent's outcome (the shape audit.ts writes). */
export async function auditIntent(
  trx: Db,
  intent: Intent,
  outcome: "success" | "failure" | "unknown",
  details: Record<string, unknown>,
  actor?: { id: string; email: string },
) {
  await trx
    .insertInto("audit_log")
    .values({
      at: nowIso(),
      actor_id: actor?.id ?? intent.actor_id,
      actor_email: actor?.email ?? intent.actor_email,
      action: "restaurants.renew",
      target: intent.restaurant_id,
      reason: intent.reason,
      outcome,
      request_id: intent.request_id,
      ip: intent.ip,
      details: JSON.stringify({ amount: intent.amount, ...details }),
      repeat_key: null,
    })
    .execute();
}
