import type { FastifyInstance } from "fastify";
import { PERMISSIONS } from "../auth/permissions";
import type { IntegrationUsage } from "../integrations/usage";
import type { Db } from "./db/database";
import type { IntegrationContext, ServerIntegration } from "./integration";
import { JsonAnswer } from "./json-answer";
import { overviewEntries } from "./read";
import { refreshQuery } from "./refresh";
import { parseInput } from "./validate";

const LATE = Symbol("late");
/** How long an assembled overview answers every reader (an invalidation ends it sooner). */
const MEMO_MS = 100;
const key = (id: string) => `overview:${id}`;

/**
 * GET /api/integrations/usage: every integration's entries, each on its own. One that throws
 * answers an error entry; one slower than `deadlineMs` answers its last entries marked stale (or
 * an error entry) while its call finishes in the background, so a slow upstream never holds up
 * the other cards.
 */
export function overviewRoute(
  app: FastifyInstance,
  db: Db,
  integrations: ServerIntegration<any>[],
  contexts: Map<string, IntegrationContext<any>>,
  deadlineMs: number,
) {
  // What this replica last wrote per integration: most overview reads are cache hits, and need no write.
  const remembered = new Map<string, string>();

  async function remember(id: string, entries: IntegrationUsage[]) {
    const value = JSON.stringify(entries);
    if (remembered.get(id) === value) return;
    const at = new Date().toISOString();
    await db
      .insertInto("upstream_cache")
      .values({ key: key(id), value, fetched_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, fetched_at: at }))
      .execute();
    remembered.set(id, value);
  }

  async function late(integration: ServerIntegration<any>, demo: boolean): Promise<IntegrationUsage[]> {
    const row = await db.selectFrom("upstream_cache").select("value").where("key", "=", key(integration.id)).executeTakeFirst();
    const message = `${integration.name} did not answer in time.`;
    if (!row) return [errorEntry(integration, demo, `${message} Try again.`)];
    return (JSON.parse(row.value) as IntegrationUsage[]).map((e) => ({ ...e, stale: true, message: `${message} Showing the last known figures.` }));
  }

  /** Every integration's entries, each on its own deadline. */
  async function assemble(refresh: boolean): Promise<IntegrationUsage[]> {
    const entries = await Promise.all(
      integrations.map(async (integration): Promise<IntegrationUsage[]> => {
        const ctx = contexts.get(integration.id)!;
        const read = integration.overview ? overviewEntries(ctx, integration, integration.overview, refresh) : integration.usage?.(ctx, { refresh });
        if (!read) return [];
        const work = read.then(
          async (result) => {
            if (result.some((e) => e.status !== "error" && !e.stale)) await remember(integration.id, result).catch(() => undefined);
            return result;
          },
          (error) => {
            ctx.log.error({ err: error }, "usage failed");
            return [errorEntry(integration, ctx.demo, `Could not load ${integration.name}. Try again.`)];
          },
        );
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<typeof LATE>((r) => (timer = setTimeout(() => r(LATE), deadlineMs)));
        const result = await Promise.race([work, deadline]).finally(() => clearTimeout(timer));
        return result === LATE ? late(integration, ctx.demo) : result;
      }),
    );
    return entries.flat();
  }

  // The answer is the same for every reader, so readers share one: assembled at most once per
  // MEMO_MS and never across an invalidation (the cache's version, after the same epoch check every
  // read makes, so another replica's invalidation ends it too). Cached figures are as fresh as before;
  // figures an integration reads from its own tables (api-keys' synced data) may be up to MEMO_MS
  // behind a sync. An answer equal to the last one reuses its serialized and compressed bytes.
  const cache = app.usageConsole?.cache;
  let last: JsonAnswer | null = null;
  let flight: { version: number; at: number; answer: Promise<JsonAnswer> } | null = null;
  const answerOf = async (refresh: boolean) => {
    const body = JSON.stringify({ integrations: await assemble(refresh) });
    if (last?.body !== body) last = new JsonAnswer(body);
    return last;
  };

  app.get("/integrations/usage", { config: { permission: PERMISSIONS.integrationRead } }, async (request, reply) => {
    const { refresh } = parseInput(refreshQuery, request.query, "query");
    if (refresh) return (await answerOf(true)).send(request, reply);
    const version = (await cache?.version()) ?? 0;
    if (!flight || flight.version !== version || Date.now() - flight.at > MEMO_MS) {
      const current = { version, at: Date.now(), answer: answerOf(false) };
      flight = current;
    }
    return (await flight.answer).send(request, reply);
  });
}

function errorEntry(integration: ServerIntegration<any>, demo: boolean, message: string): IntegrationUsage {
  return {
    id: integration.id,
    provider: integration.name,
    name: integration.name,
    totalQuota: null,
    remainingQuota: null,
    usedQuota: null,
    usagePercentage: null,
    status: "error",
    unit: "",
    message,
    fetchedAt: null,
    stale: false,
    demo,
  };
}
