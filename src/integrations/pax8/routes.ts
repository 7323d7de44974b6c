import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { AppError } from "../../server/errors";
import { refreshParam } from "../../server/refresh";
import { parseInput } from "../../server/validate";
import type { Pax8Client } from "./client";
import { listSubscriptionsOptions, listUsageLinesOptions, listUsageSummariesOptions, uuidField } from "./contract";
import { Pax8ForbiddenError, Pax8UnprocessableError, Pax8ValidationError } from "./errors";
import type { Pax8Context } from "./server";

const subscriptionsQuery = listSubscriptionsOptions.extend(refreshParam).strict();
const summariesQuery = listUsageSummariesOptions.extend(refreshParam).strict();
const linesQuery = listUsageLinesOptions.extend(refreshParam).strict();
const subscriptionParams = z.object({ subscriptionId: uuidField });
const summaryParams = z.object({ id: uuidField });

/** What the client refused or Pax8 answered, as the user may read it. */
export function pax8ToAppError(error: unknown): unknown {
  if (error instanceof Pax8ValidationError) {
    return new AppError(422, "validation_failed", error.message.split("; ")[0], error.issues);
  }
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
 * The BFF routes: Pax8's own paths and shapes under /api/pax8, minus its credentials. Input is
 * checked here (422 naming the field) so a user's mistake never reaches Pax8.
 */
export function pax8Routes(app: FastifyInstance, ctx: Pax8Context, client: () => Pax8Client) {
  const config = { permission: PERMISSIONS.integrationRead };

  async function cached<T>(reply: FastifyReply, key: string, fetcher: (c: Pax8Client) => Promise<T>, refreshed: boolean): Promise<T> {
    const c = client();
    try {
      const answer = await ctx.cache.get(`pax8:${key}`, () => fetcher(c), { refresh: refreshed });
      reply.header("x-fetched-at", answer.fetchedAt);
      if (answer.stale) reply.header("x-stale", "1");
      return answer.value;
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404) ctx.log.warn({ failure: (error as { failure?: string }).failure, status }, "Pax8 call failed");
      throw pax8ToAppError(error);
    }
  }

  app.get("/pax8/subscriptions", { config }, async (request, reply) => {
    const { refresh: r, ...query } = parseInput(subscriptionsQuery, request.query, "query");
    return cached(reply, `subscriptions?${keyOf(query)}`, (c) => c.subscriptions.list(query), r);
  });

  app.get("/pax8/subscriptions/:subscriptionId/usage-summaries", { config }, async (request, reply) => {
    const { subscriptionId } = parseInput(subscriptionParams, request.params, "params");
    const { refresh: r, ...query } = parseInput(summariesQuery, request.query, "query");
    return cached(reply, `usage-summaries/${subscriptionId}?${keyOf(query)}`, (c) => c.subscriptions.listUsageSummaries(subscriptionId, query), r);
  });

  app.get("/pax8/usage-summaries/:id", { config }, async (request, reply) => {
    const { id } = parseInput(summaryParams, request.params, "params");
    const { refresh: r } = parseInput(z.object(refreshParam).strict(), request.query, "query");
    return cached(reply, `usage-summary/${id}`, (c) => c.usageSummaries.get(id), r);
  });

  app.get("/pax8/usage-summaries/:id/usage-lines", { config }, async (request, reply) => {
    const { id } = parseInput(summaryParams, request.params, "params");
    const { refresh: r, ...query } = parseInput(linesQuery, request.query, "query");
    return cached(reply, `usage-lines/${id}?${keyOf(query)}`, (c) => c.usageSummaries.listLines(id, query), r);
  });
}
