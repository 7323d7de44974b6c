import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import { envelope } from "../../server/read";
import { refreshParam } from "../../server/refresh";
import { parseInput } from "../../server/validate";
import { API } from "./api";
import type { Pax8Client } from "./client";
import { listSubscriptionsOptions, listUsageLinesOptions, listUsageSummariesOptions, uuidField } from "./contract";
import { Pax8ForbiddenError, Pax8UnprocessableError } from "./errors";
import { type Pax8Context, pax8Words } from "./server";

/** What Pax8 answered that the core's wording does not cover (a refused item, a refused query); the rest goes to the core. */
export function pax8ToAppError(error: unknown): unknown {
  if (error instanceof Pax8ForbiddenError) return new AppError(403, "pax8_forbidden", "Pax8 does not give the console access to this item.");
  if (error instanceof Pax8UnprocessableError) return new AppError(422, "pax8_rejected", "Pax8 rejected the request.");
  return error;
}

/** A stable cache key: the same query in any order is one upstream call. */
const keyOf = (parts: Record<string, unknown>) =>
  Object.entries(parts)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join("&");

/**
 * The BFF routes: Pax8's own paths and shapes in the envelope's `data`, minus its credentials.
 * Input is checked here (422 naming the field) so a user's mistake never reaches Pax8.
 */
export function pax8Routes(app: FastifyInstance, ctx: Pax8Context, client: () => Pax8Client) {
  const config = { permission: PERMISSIONS.integrationRead };

  async function read<T>(key: string, refresh: boolean, fetcher: (c: Pax8Client) => Promise<T>) {
    const c = client();
    try {
      const answer = await ctx.cache.get(`pax8:${key}`, () => fetcher(c), { refresh });
      return envelope(ctx, answer.value, [answer], pax8Words);
    } catch (error) {
      throw pax8ToAppError(error);
    }
  }
  /** A read route: its id parameter checked, its query checked (422 naming the field), the answer cached under the query. */
  function route<Q extends z.ZodObject>(
    path: string,
    idName: string,
    query: Q,
    fetcher: (c: Pax8Client, id: string, q: Omit<z.output<Q>, "refresh">) => Promise<unknown>,
  ) {
    const params = z.object({ [idName]: uuidField });
    app.get(path, { config }, async (request) => {
      const id = idName ? (parseInput(params, request.params, "params") as Record<string, string>)[idName] : "";
      const { refresh, ...q } = parseInput(query.extend(refreshParam).strict(), request.query, "query");
      return read(`${path}:${id}?${keyOf(q)}`, refresh as boolean, (c) => fetcher(c, id, q as Omit<z.output<Q>, "refresh">));
    });
  }
  route(API.subscriptions, "", listSubscriptionsOptions, (c, _id, q) => c.subscriptions.list(q));
  route(API.summaries, "subscriptionId", listUsageSummariesOptions, (c, id, q) => c.subscriptions.listUsageSummaries(id, q));
  route(API.summary, "id", z.object({}), (c, id) => c.usageSummaries.get(id));
  route(API.lines, "usageSummaryId", listUsageLinesOptions, (c, id, q) => c.usageSummaries.listLines(id, q as z.output<typeof listUsageLinesOptions>));
}
