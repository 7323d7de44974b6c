import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import { type Outcome, once } from "../../server/idempotency";
import { envelope } from "../../server/read";
import { failureToAppError } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import { parseInput } from "../../server/validate";
import {
  API,
  IDEMPOTENCY_HEADER,
  RENEW_DEFAULT_AMOUNT,
  RENEW_REASON_MAX,
  type Renewal,
  type RenewInput,
  type RenewOutcome,
  type RenewResponseBody,
  UNLIMITED,
} from "./api";
import type { RenewResult } from "./contract";
import { renewHeaders, renewInput, restaurantParams } from "./inputs";
import { type RestaurantsContext, restaurantError, restaurantsClient } from "./reads";
import { abandonedAfterMs, forgetCached, OUTCOME_UNKNOWN, renewalJournal } from "./reconcile";
import { resolveRoute } from "./resolve";

type RenewalJournal = ReturnType<typeof renewalJournal>;

export const RENEW_ACTION = "restaurants.renew";

/** The renew answer with what an unlimited plan may leave out filled in. */
export function renewOutcome(restaurantId: string, r: RenewResult): RenewOutcome {
  const { used, limit, remaining, usagePercent, isNearingQuota, adjustedBy = 0 } = r;
  const effectiveLimit = r.effectiveLimit ?? (limit === UNLIMITED ? UNLIMITED : limit + adjustedBy);
  return { restaurantId, used, limit, effectiveLimit, adjustedBy, remaining, ...(usagePercent !== undefined ? { usagePercent } : {}), isNearingQuota };
}

type Tried = { amount: number | null; reason: string | null };

/** What the audit log keeps of a renew body, valid or not. */
function attempted(body: unknown): Tried {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  return {
    amount: typeof b.amount === "number" && Number.isFinite(b.amount) ? b.amount : b.amount === undefined ? RENEW_DEFAULT_AMOUNT : null,
    reason: typeof b.reason === "string" ? b.reason.slice(0, RENEW_REASON_MAX) : null,
  };
}

const renewalsQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export function renewRoutes(app: FastifyInstance, ctx: RestaurantsContext) {
  const waitMs = ctx.core.UPSTREAM_TIMEOUT_MS + 5_000;

  /** One audit entry per attempt refused before its intent; a failure to write it is logged, never the renewal's answer. */
  const audit = (request: FastifyRequest, target: string, outcome: "success" | "failure", { amount, reason }: Tried, details: Record<string, unknown>) =>
    ctx.audit
      .record(request, { action: RENEW_ACTION, outcome, target, reason, details: { amount, ...details } })
      .catch((error) => request.log.error({ err: error }, "audit of a renewal failed"));
  const failed = (error: AppError) => ({ error: error.code, status: error.statusCode });

  /** One renewal against the upstream; its journal audits it with its intent, and the cached reads it changes are forgotten. */
  async function renewOnce(request: FastifyRequest, restaurantId: string, input: RenewInput, journal: RenewalJournal): Promise<Outcome> {
    try {
      const res = await restaurantsClient(ctx).renew(restaurantId, input);
      const data = renewOutcome(restaurantId, res.data);
      await forgetCached(ctx, restaurantId);
      const { effectiveLimit, adjustedBy, remaining } = data;
      Object.assign(journal, { verdict: "applied", details: { effectiveLimit, adjustedBy, remaining } });
      return { status: 200, body: { success: true, data } satisfies RenewResponseBody, final: true };
    } catch (raw) {
      const mapped = restaurantError(raw, restaurantId);
      const error = mapped instanceof UpstreamError ? failureToAppError(mapped) : mapped;
      if (!(error instanceof AppError)) throw raw;
      request.log.warn({ restaurantId, failure: raw instanceof UpstreamError ? raw.failure : undefined, status: error.statusCode }, "renewal failed");
      const notSent = raw instanceof UpstreamError && raw.notSent;
      // Sent, and no answer that says what happened: the upstream may have applied it.
      const unknown = raw instanceof UpstreamError && !notSent && (raw.failure === "timeout" || raw.failure === "network" || (raw.status ?? 0) >= 500);
      Object.assign(journal, { verdict: unknown ? "unknown" : "not_applied", details: failed(error) });
      const message = unknown
        ? `${error.message} The renewal may or may not have been applied: check the restaurant's figures before trying again.`
        : notSent
          ? `${error.message} The renewal never reached it and was not applied: try again.`
          : error.message;
      // Every answer is kept for the key and replayed, but a 429 or one never sent: the upstream did nothing.
      return { status: error.statusCode, body: { error: { code: error.code, message } }, headers: error.headers, final: error.statusCode !== 429 && !notSent };
    }
  }

  app.post(API.renew, { config: { permission: PERMISSIONS.integrationRenew } }, async (request, reply) => {
    const named = String((request.params as { restaurantId?: unknown }).restaurantId ?? "").slice(0, 100);
    let answer: Awaited<ReturnType<typeof once>>;
    try {
      const { restaurantId } = parseInput(restaurantParams, request.params, "params");
      const input = parseInput(renewInput, request.body, "body");
      const key = parseInput(renewHeaders, request.headers, "headers")[IDEMPOTENCY_HEADER];
      const scope = `restaurants.renew:${request.user!.id}`;
      const journal = renewalJournal(ctx, request, scope, key, restaurantId, input);
      const abandonedMs = abandonedAfterMs(ctx.core);
      answer = await once(ctx.db, { scope, key, body: [restaurantId, input.amount, input.reason], waitMs, abandonedMs, journal }, () =>
        renewOnce(request, restaurantId, input, journal),
      );
    } catch (raw) {
      // Refused before reaching the upstream's renew (invalid input, a reused key, the read before it failed): audited too.
      const mapped = restaurantError(raw, named);
      const error = mapped instanceof UpstreamError ? notSentError(failureToAppError(mapped)) : mapped;
      if (error instanceof AppError) await audit(request, named, "failure", attempted(request.body), failed(error));
      throw error;
    }
    for (const [k, v] of Object.entries(answer.headers ?? {})) reply.header(k, v);
    if (answer.replayed) reply.header("idempotent-replayed", "true");
    reply.code(answer.status);
    return answer.status >= 400 ? { ...(answer.body as object), requestId: request.id } : answer.body;
  });

  resolveRoute(app, ctx);

  /** This restaurant's renewals, newest first, from the audit log. */
  app.get(API.renewals, { config: { permission: PERMISSIONS.integrationRead } }, async (request) => {
    const { restaurantId } = parseInput(restaurantParams, request.params, "params");
    const { limit } = parseInput(renewalsQuery, request.query, "query");
    const rows = await ctx.db
      .selectFrom("audit_log")
      .select(["id", "at", "actor_email", "reason", "outcome", "details"])
      .where("action", "=", RENEW_ACTION)
      .where("target", "=", restaurantId)
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return envelope(ctx, rows.map(toRenewal), []);
  });
}

/** The read before a renewal failed: the renewal itself was never sent. */
const notSentError = (e: AppError) => new AppError(e.statusCode, e.code, `${e.message} The renewal was not sent.`, e.details, e.headers);

type AuditRow = { id: number; at: string; actor_email: string | null; reason: string | null; outcome: string; details: string | null };

export function toRenewal({ id, at, actor_email, reason, outcome, details }: AuditRow): Renewal {
  const { amount = null, effectiveLimit, error } = (details ? JSON.parse(details) : {}) as { amount?: number | null; effectiveLimit?: number; error?: string };
  const result = outcome === "success" || outcome === "unknown" ? outcome : "failure";
  return {
    id: Number(id),
    at,
    actorEmail: actor_email,
    amount,
    reason,
    outcome: result,
    ...(effectiveLimit !== undefined && { effectiveLimit }),
    ...(error && { error: outcome === "unknown" ? OUTCOME_UNKNOWN : error }),
  };
}
