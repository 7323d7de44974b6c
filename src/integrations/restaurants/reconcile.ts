import type { FastifyRequest } from "fastify";
import type { CoreConfig } from "../../server/config";
import { nowIso } from "../../server/db/database";
import { AppError } from "../../server/errors";
import type { Journal, Outcome } from "../../server/idempotency";
import type { RenewOutcome, RenewResponseBody } from "./api";
import type { RestaurantDetail } from "./contract";
import { auditIntent, CLOCK_MARGIN_MS, finishIntent, type Intent, type IntentState, intentsOf, mayBeUnseen, monthOf, recordIntent } from "./intents";
import { KEYS, type RestaurantsContext, restaurantError, restaurantsClient } from "./reads";

/** What the audit log, the renewal history and the key's 409 say of a renewal nobody can decide on. */
export const OUTCOME_UNKNOWN = "Outcome unknown — check the restaurant's figures, then resolve this renewal (applied or not).";
export const UNKNOWN_CODE = "renewal_outcome_unknown";

/** A renewal still pending after this long was left by a server that died: one try of the call (never retried) and its bookkeeping. */
export const abandonedAfterMs = (core: Pick<CoreConfig, "UPSTREAM_TIMEOUT_MS">) => 2 * core.UPSTREAM_TIMEOUT_MS + 5_000;

/** The renew answer made from a read of the restaurant (after a check, nobody has the upstream's own answer). */
export function outcomeOfDetail(restaurantId: string, d: RestaurantDetail): RenewOutcome {
  const { monthlyLimit, monthlyRemaining } = d.allowance;
  const limit = monthlyLimit === -1 ? -1 : monthlyLimit - d.adjustedBy;
  const percent = d.usagePercent !== undefined ? { usagePercent: d.usagePercent } : {};
  const { conversationsThisMonth: used, adjustedBy, isNearingQuota } = d;
  return { restaurantId, used, limit, effectiveLimit: monthlyLimit, adjustedBy, remaining: monthlyRemaining, ...percent, isNearingQuota };
}

const applied = (data: RenewOutcome) => ({ status: 200, body: { success: true, data } satisfies RenewResponseBody, final: true });
export const unknownAnswer = { status: 409, body: { error: { code: UNKNOWN_CODE, message: OUTCOME_UNKNOWN } }, final: true };

/** The journal of one renewal request: its intent recorded with the key, completed with the answer. */
export function renewalJournal(
  ctx: RestaurantsContext,
  request: FastifyRequest,
  scope: string,
  key: string,
  restaurantId: string,
  input: { amount: number; reason: string },
) {
  const journal = {
    /** What the answer means for the intent, set by the work before it answers. */
    verdict: "not_applied" as IntentState,
    details: {} as Record<string, unknown>,
    /** Requests that arrive together with one key share one read (the burst of a double click). */
    prepare() {
      const id = `${scope}\n${key}`;
      const mine = preparing.get(ctx) ?? preparing.set(ctx, new Map()).get(ctx)!;
      const shared = mine.get(id) ?? readBefore(ctx, restaurantId).finally(() => mine.delete(id));
      mine.set(id, shared);
      return shared;
    },
    async record(trx, prepared) {
      const { before, month, readAt } = prepared as { before: number; month: string; readAt: number };
      const user = request.user!;
      return recordIntent(
        trx,
        {
          scope,
          key,
          restaurant_id: restaurantId,
          actor_id: user.id,
          actor_email: user.email,
          request_id: request.id,
          ip: request.ip,
          ...input,
          adjusted_before: before,
          month,
        },
        readAt,
      );
    },
    async complete(trx, _outcome: Outcome) {
      const intent = await pendingIntent(trx, scope, key);
      if (!intent) return;
      await finishIntent(trx, intent.id, journal.verdict);
      const outcome = journal.verdict === "applied" ? "success" : journal.verdict === "unknown" ? "unknown" : "failure";
      await auditIntent(trx, intent, outcome, journal.details);
    },
    async reconcile() {
      const intent = await pendingIntent(ctx.db, scope, key);
      if (intent) return reconcileIntent(ctx, intent);
      // A key pending without an intent (left before intents existed): nobody can tell.
      await ctx.db
        .updateTable("idempotency_keys")
        .set({ status: 409, response: JSON.stringify(unknownAnswer) })
        .where("scope", "=", scope)
        .where("key", "=", key)
        .where("status", "is", null)
        .execute();
    },
  } satisfies Journal & Record<string, unknown>;
  return journal;
}

const preparing = new WeakMap<RestaurantsContext, Map<string, Promise<{ before: number; month: string; readAt: number }>>>();

/** The restaurant's `adjustedBy` before a renewal, after checking any renewal of it a dead server left pending. */
async function readBefore(ctx: RestaurantsContext, restaurantId: string) {
  await sweep(ctx, restaurantId);
  // Another renewal of it in flight, or just finished: wait for it before reading, rather than read again and again.
  const until = Date.now() + ctx.core.UPSTREAM_TIMEOUT_MS + 5_000;
  while (Date.now() < until) {
    const now = Date.now();
    const since = new Date(now - CLOCK_MARGIN_MS).toISOString();
    const busy = (
      await intentsOf(ctx.db)
        .selectFrom("restaurants_renewal_intents")
        .select(["id", "state", "finished_at"])
        .where("restaurant_id", "=", restaurantId)
        .where((eb) => eb.or([eb("state", "=", "pending"), eb("finished_at", ">=", since)]))
        .execute()
    ).filter((b) => b.state === "pending" || mayBeUnseen(b, now));
    if (busy.length === 0) break;
    const pending = busy.some((b) => b.state === "pending");
    const latest = Math.max(...busy.map((b) => Date.parse(b.finished_at ?? "") || 0));
    await new Promise((r) => setTimeout(r, pending ? 50 : Math.min(50, Math.max(5, latest + CLOCK_MARGIN_MS - Date.now() + 5))));
  }
  const readAt = Date.now();
  const detail = await restaurantsClient(ctx)
    .getRestaurant(restaurantId)
    .catch((error) => Promise.reject(restaurantError(error, restaurantId)));
  return { before: detail.adjustedBy, month: monthOf(new Date(readAt)), readAt };
}

const pendingIntent = (db: RestaurantsContext["db"], scope: string, key: string) =>
  intentsOf(db)
    .selectFrom("restaurants_renewal_intents")
    .selectAll()
    .where("scope", "=", scope)
    .where("key", "=", key)
    .where("state", "=", "pending")
    .executeTakeFirst() as Promise<Intent | undefined>;

/**
 * Decides a pending renewal whose server died, from the restaurant as the upstream has it now:
 * `adjustedBy` grown by the amount → applied (audited, the key answers 200); unchanged → not
 * applied (audited, the key is let go, so a retry renews); anything else, or another month →
 * "outcome unknown — check" until a person resolves it. Never sends the renewal again.
 */
export async function reconcileIntent(ctx: RestaurantsContext, intent: Intent): Promise<void> {
  const db = intentsOf(ctx.db);
  const now = nowIso();
  const held = await db
    .updateTable("restaurants_renewal_intents")
    .set({ checking_until: new Date(Date.now() + 30_000).toISOString() })
    .where("id", "=", intent.id)
    .where("state", "=", "pending")
    .where((eb) => eb.or([eb("checking_until", "is", null), eb("checking_until", "<", now)]))
    .executeTakeFirst();
  if (Number(held.numUpdatedRows) !== 1) return; // another replica is on it, or it is done
  let detail: RestaurantDetail;
  try {
    detail = await restaurantsClient(ctx).getRestaurant(intent.restaurant_id);
  } catch (error) {
    await db.updateTable("restaurants_renewal_intents").set({ checking_until: null }).where("id", "=", intent.id).execute();
    ctx.log.warn({ err: error, restaurantId: intent.restaurant_id }, "could not check an interrupted renewal");
    throw new AppError(
      503,
      "renewal_check_failed",
      "An earlier try of this renewal was interrupted and the restaurant cannot be read to check it now. Try again later.",
    );
  }
  const grown = detail.adjustedBy - intent.adjusted_before;
  const sameMonth = monthOf(new Date()) === intent.month;
  const state: IntentState = !sameMonth ? "unknown" : grown === intent.amount ? "applied" : grown === 0 ? "not_applied" : "unknown";
  const data = outcomeOfDetail(intent.restaurant_id, detail);
  await ctx.db.transaction().execute(async (trx) => {
    await finishIntent(trx, intent.id, state);
    const keyRow = trx.updateTable("idempotency_keys").where("scope", "=", intent.scope).where("key", "=", intent.key).where("status", "is", null);
    if (state === "applied") {
      await auditIntent(trx, intent, "success", {
        effectiveLimit: data.effectiveLimit,
        adjustedBy: data.adjustedBy,
        remaining: data.remaining,
        checkedAfterInterruption: true,
      });
      await keyRow.set({ status: 200, response: JSON.stringify(applied(data)) }).execute();
    } else if (state === "unknown") {
      await auditIntent(trx, intent, "unknown", {
        error: UNKNOWN_CODE,
        message: OUTCOME_UNKNOWN,
        key: intent.key,
        adjustedBefore: intent.adjusted_before,
        adjustedAfter: detail.adjustedBy,
      });
      await keyRow.set({ status: 409, response: JSON.stringify(unknownAnswer) }).execute();
    } else {
      await auditIntent(trx, intent, "failure", { error: "interrupted_not_applied", checkedAfterInterruption: true });
      await trx.deleteFrom("idempotency_keys").where("scope", "=", intent.scope).where("key", "=", intent.key).where("status", "is", null).execute();
    }
  });
  if (state === "applied") await forgetCached(ctx, intent.restaurant_id);
  ctx.log.info({ restaurantId: intent.restaurant_id, key: intent.key, state }, "checked an interrupted renewal");
}

export const forgetCached = (ctx: RestaurantsContext, restaurantId: string) =>
  Promise.all(KEYS.afterRenew(restaurantId).map((prefix) => ctx.cache.invalidate(prefix))).catch((error) =>
    ctx.log.error({ err: error }, "could not tell the other replicas about a renewal"),
  );

/** Checks every renewal (of one restaurant, or all) left pending past the abandoned window. */
export async function sweep(ctx: RestaurantsContext, restaurantId?: string): Promise<void> {
  const cutoff = new Date(Date.now() - abandonedAfterMs(ctx.core)).toISOString();
  const left = (await intentsOf(ctx.db)
    .selectFrom("restaurants_renewal_intents")
    .selectAll()
    .where("state", "=", "pending")
    .where("created_at", "<", cutoff)
    .$if(restaurantId !== undefined, (q) => q.where("restaurant_id", "=", restaurantId!))
    .execute()) as Intent[];
  for (const intent of left) await reconcileIntent(ctx, intent).catch(() => undefined);
}

/** The background check: at start and every few seconds, so an interrupted renewal is audited without waiting for a retry. */
export function startSweeps(ctx: RestaurantsContext): () => void {
  const run = () => void sweep(ctx).catch((error) => ctx.log.error({ err: error }, "checking interrupted renewals failed"));
  run();
  const timer = setInterval(run, Math.min(5_000, abandonedAfterMs(ctx.core)));
  timer.unref();
  return () => clearInterval(timer);
}
