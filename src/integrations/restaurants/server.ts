import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration } from "../../server/integration";
import { restaurantsMigrations } from "./intents";
import { readsFor } from "./reads";
import { startSweeps } from "./reconcile";
import { restaurantsRoutes } from "./routes";
import { startRestaurantsSimulator } from "./simulator";

const env = z.object({
  RESTAURANT_API_BASE_URL: envVar.url(),
  /** Admin calls: list, alerts, detail, renew. */
  BOT_API_KEY: envVar.secret(),
  /** The single-restaurant call of the owner view. */
  DASHBOARD_PAT: envVar.secret(),
});

export default defineIntegration({
  id: "restaurants",
  order: 30,
  name: "Restaurants",
  env,
  baseUrlVar: "RESTAURANT_API_BASE_URL",
  startSimulator: () => startRestaurantsSimulator(),
  migrations: restaurantsMigrations,
  /** Renewals a dead server left pending are checked against the upstream (never sent again). */
  start: (ctx) => startSweeps(ctx),
  routes: (app, ctx) => restaurantsRoutes(app, ctx),
  /** The overview card: how many restaurants are near quota, out of how many (two calls a cache window). */
  overview: {
    provider: "Restaurant bot",
    unit: "restaurants",
    requires: ["BOT_API_KEY"],
    async read(ctx, refresh) {
      const reads = readsFor(ctx);
      const [count, page] = await Promise.all([reads.alertsCount(refresh), reads.list(1, 0, refresh)]);
      const [near, total] = [count.value.count, page.value.pagination.total];
      const details = { nearQuota: near, restaurants: total };
      const message = `${near} of ${total} restaurants near quota.`;
      return { reads: [count, page], figures: { totalQuota: null, remainingQuota: null, usedQuota: null, usagePercentage: null, message, details } };
    },
  },
});
