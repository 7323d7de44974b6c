import type { FastifyInstance } from "fastify";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import { envelope } from "../../server/read";
import { parseInput } from "../../server/validate";
import { API, type Own } from "./api";
import { alertsQuery, listQuery, readQuery, restaurantParams } from "./inputs";
import { type RestaurantsContext, readsFor } from "./reads";
import { renewRoutes } from "./renew";

const read = { config: { permission: PERMISSIONS.integrationRead } };
const countQuery = readQuery.extend({ threshold: alertsQuery.shape.threshold });

/** The BFF routes of restaurants (docs/architecture.md): the upstream's paths and shapes in `{data, meta}`, minus its credentials. */
export function restaurantsRoutes(app: FastifyInstance, ctx: RestaurantsContext) {
  const reads = readsFor(ctx);

  app.get(API.list, read, async (request) => {
    const q = parseInput(listQuery, request.query, "query");
    const page = await reads.list(q.limit, q.offset, q.refresh);
    return envelope(ctx, page.value, [page]);
  });

  app.get(API.alerts, read, async (request) => {
    const q = parseInput(alertsQuery, request.query, "query");
    const page = await reads.alerts(q.threshold, q.limit, q.offset, q.refresh);
    return envelope(ctx, page.value, [page]);
  });

  /** The header badge: how many restaurants are near quota, one upstream call a minute whoever asks. */
  app.get(API.alertsCount, read, async (request) => {
    const q = parseInput(countQuery, request.query, "query");
    const count = await reads.alertsCount(q.refresh, q.threshold);
    return envelope(ctx, { count: count.value.count, threshold: q.threshold }, [count]);
  });

  app.get(API.detail, read, async (request) => {
    const { restaurantId } = parseInput(restaurantParams, request.params, "params");
    const { refresh } = parseInput(readQuery, request.query, "query");
    const detail = await reads.detail(restaurantId, refresh);
    return envelope(ctx, detail.value, [detail]);
  });

  /**
   * The owner's own restaurant: its id comes from the session, never from the request. The figures
   * come from the single-restaurant (PAT) call when DASHBOARD_PAT is set, the history from the
   * admin detail (the PAT call has none).
   */
  app.get(API.own, { config: { permission: PERMISSIONS.restaurantReadOwn } }, async (request) => {
    const { refresh } = parseInput(readQuery, request.query, "query");
    const restaurantId = request.user?.restaurantId;
    if (!restaurantId) throw new AppError(404, "no_restaurant", "Your account is not linked to a restaurant.");
    const [own, detail] = await Promise.all([
      ctx.env.DASHBOARD_PAT ? reads.own(restaurantId, refresh) : null,
      // With only the PAT configured there is no admin call: the figures come without a history.
      ctx.env.BOT_API_KEY || !ctx.env.DASHBOARD_PAT ? reads.detail(restaurantId, refresh) : null,
    ]);
    const { history, ...figures } = detail?.value ?? { ...own!.value, history: [] };
    const data: Own = { ...(own?.value ?? figures), history };
    const done = [own, detail].filter((r) => r !== null);
    return envelope(ctx, data, done);
  });

  renewRoutes(app, ctx);
}
