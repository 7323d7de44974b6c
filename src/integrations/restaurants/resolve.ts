import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import { failureToAppError } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import { parseInput } from "../../server/validate";
import { API, type RenewResponseBody } from "./api";
import { renewHeaders, restaurantParams } from "./inputs";
import { auditIntent, finishIntent, type Intent, intentsOf } from "./intents";
import { type RestaurantsContext, restaurantError, restaurantsClient } from "./reads";
import { forgetCached, outcomeOfDetail } from "./reconcile";

const resolveParams = restaurantParams.extend({ key: renewHeaders.shape["idempotency-key"] });
const resolveBody = z.object({ applied: z.boolean("is required: true when the restaurant's figures show the renewal, false when not") });

/**
 * A person settles a renewal whose outcome is unknown, having checked the restaurant: applied →
 * audited as a success and its key answers 200; not applied → audited as a failure and its key is
 * let go, so a retry with it renews. Needs `integration:Renew`.
 */
export function resolveRoute(app: FastifyInstance, ctx: RestaurantsContext) {
  app.post(API.resolve, { config: { permission: PERMISSIONS.integrationRenew } }, async (request) => {
    const { restaurantId, key } = parseInput(resolveParams, request.params, "params");
    const { applied } = parseInput(resolveBody, request.body, "body");
    const db = intentsOf(ctx.db);
    const open = (await db
      .selectFrom("restaurants_renewal_intents")
      .selectAll()
      .where("restaurant_id", "=", restaurantId)
      .where("key", "=", key)
      .where("state", "=", "unknown")
      .execute()) as Intent[];
    if (open.length === 0) throw new AppError(404, "not_found", "No renewal of this restaurant with this key is waiting for a check.");
    // The key's answer after "applied": the restaurant's figures as they are now.
    const detail = applied
      ? await restaurantsClient(ctx)
          .getRestaurant(restaurantId)
          .catch((raw) => {
            const mapped = restaurantError(raw, restaurantId);
            throw mapped instanceof UpstreamError ? failureToAppError(mapped) : mapped;
          })
      : null;
    const user = request.user!;
    await ctx.db.transaction().execute(async (trx) => {
      for (const intent of open) {
        await finishIntent(trx, intent.id, applied ? "applied" : "not_applied", user.email);
        const details = { key, resolution: applied ? "applied" : "not applied", renewedBy: intent.actor_email, requestedAt: intent.created_at };
        await auditIntent(trx, { ...intent, request_id: request.id, ip: request.ip }, applied ? "success" : "failure", details, {
          id: user.id,
          email: user.email,
        });
        const row = trx.updateTable("idempotency_keys").where("scope", "=", intent.scope).where("key", "=", intent.key);
        if (detail) {
          const body = { success: true, data: outcomeOfDetail(restaurantId, detail) } satisfies RenewResponseBody;
          await row.set({ status: 200, response: JSON.stringify({ status: 200, body, final: true }) }).execute();
        } else await trx.deleteFrom("idempotency_keys").where("scope", "=", intent.scope).where("key", "=", intent.key).execute();
      }
    });
    if (applied) await forgetCached(ctx, restaurantId);
    return { data: { restaurantId, key, applied, resolved: open.length } };
  });
}
