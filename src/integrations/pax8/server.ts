import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration, type IntegrationContext } from "../../server/integration";
import { UpstreamError } from "../../server/upstream/http";
import type { IntegrationUsage } from "../usage";
import { type Budget, chargesByCurrency, headline, type Pax8UsageDetails, parseBudget } from "./charges";
import { createPax8Client, type Pax8Client } from "./client";
import { MAX_PAGE_SIZE, type UsageSummary } from "./contract";
import { PAX8, Pax8NotFoundError } from "./errors";
import { pax8Routes } from "./routes";
import { startPax8Simulator } from "./simulator";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const env = z.object({
  PAX8_API_BASE_URL: envVar.url(),
  PAX8_TOKEN_URL: envVar.url(),
  PAX8_CLIENT_ID: envVar.secret(),
  PAX8_CLIENT_SECRET: envVar.secret(),
  PAX8_AUDIENCE: z.preprocess(blankToUndefined, z.string().min(1).optional()),
  /** `15000` (USD) or `USD:15000,EUR:5000`: this month's charges are shown against it. */
  PAX8_MONTHLY_BUDGET: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v, c) => {
        const budget = parseBudget(v);
        if (typeof budget === "string") c.addIssue({ code: "custom", message: budget });
        return budget as Budget;
      })
      .optional(),
  ),
});
type Env = z.infer<typeof env>;
export type Pax8Context = IntegrationContext<Env>;

/** One client a server, so its token is shared by every request. */
const clients = new WeakMap<Pax8Context, Pax8Client>();
function clientOf(ctx: Pax8Context): Pax8Client {
  const { PAX8_API_BASE_URL, PAX8_TOKEN_URL, PAX8_CLIENT_ID, PAX8_CLIENT_SECRET, PAX8_AUDIENCE } = ctx.env;
  if (!PAX8_API_BASE_URL || !PAX8_CLIENT_ID || !PAX8_CLIENT_SECRET) throw new UpstreamError(PAX8, "not_configured", "Pax8 is not configured");
  let client = clients.get(ctx);
  if (!client) {
    client = createPax8Client({
      baseUrl: PAX8_API_BASE_URL,
      tokenUrl: PAX8_TOKEN_URL,
      clientId: PAX8_CLIENT_ID,
      clientSecret: PAX8_CLIENT_SECRET,
      audience: PAX8_AUDIENCE,
      timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS,
    });
    clients.set(ctx, client);
  }
  return client;
}

/** What the card says when Pax8 fails: a reason a person can act on, never Pax8's own text. */
export function pax8FailureMessage(error: unknown): string {
  if (!(error instanceof UpstreamError)) return "Unable to fetch Pax8 usage. Please try again.";
  if (error.failure === "timeout") return "Pax8 did not answer in time. Please try again.";
  if (error.failure === "network") return "Pax8 could not be reached. Please try again.";
  if (error.status === 401) return "Pax8 refused the client credentials. Check PAX8_CLIENT_ID and PAX8_CLIENT_SECRET.";
  if (error.status === 403) return "Pax8 refused access for these credentials.";
  if (error.status === 429) return "Pax8 is rate limiting requests. Please try again shortly.";
  return "Unable to fetch Pax8 usage. Please try again.";
}

/** Stops reading more pages than this per list (200 items a page): a guard, not a limit a partner should meet. */
const MAX_PAGES = 50;

async function allPages<T>(fetchPage: (page: number) => Promise<{ content: T[]; page: { totalPages: number } }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(page);
    items.push(...answer.content);
    if (page + 1 >= answer.page.totalPages || answer.content.length === 0) break;
  }
  return items;
}

/** Every usage summary of every subscription: this month's charges (Pax8's currentCharges). */
async function monthSummaries(client: Pax8Client): Promise<{ subscriptions: number; summaries: UsageSummary[] }> {
  const subscriptions = await allPages((page) => client.subscriptions.list({ page, size: MAX_PAGE_SIZE }));
  const summaries: UsageSummary[] = [];
  const queue = [...subscriptions];
  // Four at a time: fast enough for a cached overview, gentle on Pax8's rate limit.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const id = s.id;
        // A subscription that is not usage-based may have no summaries at all: nothing to add.
        const own = await allPages((page) => client.subscriptions.listUsageSummaries(id, { page, size: MAX_PAGE_SIZE })).catch((error: unknown) => {
          if (error instanceof Pax8NotFoundError) return [];
          throw error;
        });
        summaries.push(...own);
      }
    }),
  );
  return { subscriptions: subscriptions.length, summaries };
}

async function pax8Usage(ctx: Pax8Context, { refresh }: { refresh: boolean }): Promise<IntegrationUsage> {
  const base = { id: "pax8", provider: PAX8, name: PAX8, demo: ctx.demo };
  const none = { totalQuota: null, remainingQuota: null, usedQuota: null, usagePercentage: null, unit: "", fetchedAt: null, stale: false };
  if (!ctx.env.PAX8_API_BASE_URL || !ctx.env.PAX8_CLIENT_ID || !ctx.env.PAX8_CLIENT_SECRET) {
    return {
      ...base,
      ...none,
      status: "not_configured",
      message: "Pax8 not configured. Please add PAX8_CLIENT_ID and PAX8_CLIENT_SECRET to environment variables.",
    };
  }
  const client = clientOf(ctx);
  try {
    const answer = await ctx.cache.get("pax8:month-charges", () => monthSummaries(client), { refresh });
    const charges = chargesByCurrency(answer.value.summaries, ctx.env.PAX8_MONTHLY_BUDGET);
    const details: Pax8UsageDetails = {
      month: answer.fetchedAt.slice(0, 7),
      charges,
      summaries: answer.value.summaries.length,
      subscriptions: answer.value.subscriptions,
    };
    return {
      ...base,
      ...headline(charges),
      status: "active",
      fetchedAt: answer.fetchedAt,
      stale: answer.stale,
      details: details as unknown as Record<string, unknown>,
      ...(answer.stale ? { message: `${pax8FailureMessage(answer.error)} Showing the last known figures.` } : {}),
    };
  } catch (error) {
    ctx.log.warn({ failure: (error as UpstreamError).failure, status: (error as UpstreamError).status }, "Pax8 usage failed");
    return { ...base, ...none, status: "error", message: pax8FailureMessage(error) };
  }
}

export default defineIntegration({
  id: "pax8",
  order: 20,
  name: PAX8,
  env,
  baseUrlVar: "PAX8_API_BASE_URL",
  startSimulator: () => startPax8Simulator(),
  routes: (app, ctx) => pax8Routes(app, ctx, () => clientOf(ctx)),
  usage: async (ctx, options) => [await pax8Usage(ctx, options)],
});
