import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration } from "../../server/integration";
import { failureToAppError } from "../../server/upstream/failure";
import { UpstreamError } from "../../server/upstream/http";
import type { IntegrationUsage } from "../usage";
import { type RestaurantsContext, readsFor } from "./reads";
import { restaurantsRoutes } from "./routes";
import { startRestaurantsSimulator } from "./simulator";

const env = z.object({
  RESTAURANT_API_BASE_URL: envVar.url(),
  /** Admin calls: list, alerts, detail, renew. */
  BOT_API_KEY: envVar.secret(),
  /** The single-restaurant call of the owner view. */
  DASHBOARD_PAT: envVar.secret(),
});

const NAME = "Restaurants";

/** The overview card: how many restaurants are near quota, out of how many (two calls a cache window). */
async function restaurantsUsage(ctx: RestaurantsContext, { refresh }: { refresh: boolean }): Promise<IntegrationUsage> {
  const base = {
    id: "restaurants",
    provider: "Restaurant bot",
    name: NAME,
    unit: "restaurants",
    demo: ctx.demo,
    totalQuota: null,
    remainingQuota: null,
    usedQuota: null,
    usagePercentage: null,
  };
  if (!ctx.env.BOT_API_KEY) {
    return {
      ...base,
      status: "not_configured",
      message: "Restaurants not configured. Please add BOT_API_KEY to environment variables.",
      fetchedAt: null,
      stale: false,
    };
  }
  const reads = readsFor(ctx);
  try {
    const [count, page] = await Promise.all([reads.alertsCount(refresh), reads.list(1, 0, refresh)]);
    const near = count.value.count;
    const total = page.value.pagination.total;
    const stale = count.stale || page.stale;
    return {
      ...base,
      status: "active",
      message: `${near} of ${total} restaurants near quota.${stale ? " Showing the last known figures." : ""}`,
      fetchedAt: [count.fetchedAt, page.fetchedAt].sort()[0],
      stale,
      details: { nearQuota: near, restaurants: total },
    };
  } catch (error) {
    ctx.log.warn({ failure: (error as UpstreamError).failure, status: (error as UpstreamError).status }, "restaurants usage failed");
    const message = error instanceof UpstreamError ? failureToAppError(error).message : "Could not load restaurants. Try again.";
    return { ...base, status: "error", message, fetchedAt: null, stale: false };
  }
}

export default defineIntegration({
  id: "restaurants",
  order: 30,
  name: NAME,
  env,
  baseUrlVar: "RESTAURANT_API_BASE_URL",
  startSimulator: () => startRestaurantsSimulator(),
  routes: (app, ctx) => restaurantsRoutes(app, ctx),
  usage: async (ctx, options) => [await restaurantsUsage(ctx, options)],
});
