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

const subscriptionsQuery = listSubscriptionsOptions.extend(refreshParam).strict();
const summariesQuery = listUsageSummariesOptions.extend(refreshParam).strict();
const linesQuery = listUsageLinesOptions.extend(refreshParam).strict();
const summaryQuery = z.object(refreshParam).strict();

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
  const params = (name: string, value: unknown) => (parseInput(z.object({ [name]: uuidField }), value, "params") as Record<string, string>)[name];

  app.get(API.subscriptions, { config }, async (request) => {
    const { refresh, ...query } = parseInput(subscriptionsQuery, request.query, "query");
    return read(`subscriptions?${keyOf(query)}`, refresh, (c) => c.subscriptions.list(query));
  });

  app.get(API.summaries, { config }, async (request) => {
    const id = params("subscriptionId", request.params);
    const { refresh, ...query } = parseInput(summariesQuery, request.query, "query");
    return read(`usage-summaries/${id}?${keyOf(query)}`, refresh, (c) => c.subscriptions.listUsageSummaries(id, query));
  });

  app.get(API.summary, { config }, async (request) => {
    const id = params("id", request.params);
    const { refresh } = parseInput(summaryQuery, request.query, "query");
    return read(`usage-summary/${id}`, refresh, (c) => c.usageSummaries.get(id));
  });

  app.get(API.lines, { config }, async (request) => {
    const id = params("usageSummaryId", request.params);
    const { refresh, ...query } = parseInput(linesQuery, request.query, "query");
    return read(`usage-lines/${id}?${keyOf(query)}`, refresh, (c) => c.usageSummaries.listLines(id, query));
  });
}
