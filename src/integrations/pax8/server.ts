import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration, type IntegrationContext } from "../../server/integration";
import { perContext } from "../../server/read";
import { notConfigured } from "../../server/upstream/client";
import type { FailureWords } from "../../server/upstream/failure";
import { type Budget, chargesByCurrency, headline, type Pax8UsageDetails, parseBudget } from "./charges";
import { createPax8Client, type Pax8Client } from "./client";
import { MAX_PAGE_SIZE, type UsageSummary } from "./contract";
import { PAX8, Pax8NotFoundError } from "./errors";
import { pax8Routes } from "./routes";
import { startPax8Simulator } from "./simulator";

const env = z.object({
  PAX8_API_BASE_URL: envVar.url(),
  PAX8_TOKEN_URL: envVar.url(),
  PAX8_CLIENT_ID: envVar.secret(),
  PAX8_CLIENT_SECRET: envVar.secret(),
  PAX8_AUDIENCE: envVar.secret(),
  /** `15000` (USD) or `USD:15000,EUR:5000`: this month's charges are shown against it. */
  PAX8_MONTHLY_BUDGET: envVar.secret().transform((v, c) => {
    const budget = v === undefined ? undefined : parseBudget(v);
    if (typeof budget === "string") c.addIssue({ code: "custom", message: budget });
    return budget as Budget | undefined;
  }),
});
type Env = z.infer<typeof env>;
export type Pax8Context = IntegrationContext<Env>;

/** What the card says when Pax8 fails: a reason a person can act on, never Pax8's own text. */
export const pax8Words: FailureWords = {
  codes: {
    Unauthorized: "Pax8 refused the client credentials. Check PAX8_CLIENT_ID and PAX8_CLIENT_SECRET.",
    Forbidden: "Pax8 refused access for these credentials.",
  },
  otherwise: "Unable to fetch Pax8 usage. Please try again.",
};

/** One client a server, so its token is shared by every request; without credentials, none (said with the missing variable). */
const clientOf = perContext((ctx: Pax8Context) => {
  const { PAX8_CLIENT_ID: clientId, PAX8_CLIENT_SECRET: clientSecret, PAX8_API_BASE_URL: baseUrl, PAX8_TOKEN_URL: tokenUrl, PAX8_AUDIENCE: audience } = ctx.env;
  if (!clientId || !clientSecret) throw notConfigured(PAX8, clientId ? "PAX8_CLIENT_SECRET" : "PAX8_CLIENT_ID");
  return createPax8Client({ baseUrl, tokenUrl, clientId, clientSecret, audience, timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS });
});

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
  // A subscription that is not usage-based may have no summaries at all: nothing to add.
  const summariesOf = (id: string) =>
    allPages((page) => client.subscriptions.listUsageSummaries(id, { page, size: MAX_PAGE_SIZE })).catch((error: unknown) => {
      if (error instanceof Pax8NotFoundError) return [];
      throw error;
    });
  const summaries: UsageSummary[] = [];
  const queue = subscriptions.map((s) => s.id);
  // Four at a time: fast enough for a cached overview, gentle on Pax8's rate limit.
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) summaries.push(...(await summariesOf(id)));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { subscriptions: subscriptions.length, summaries };
}

export default defineIntegration({
  id: "pax8",
  order: 20,
  name: PAX8,
  env,
  baseUrlVar: "PAX8_API_BASE_URL",
  startSimulator: () => startPax8Simulator(),
  routes: (app, ctx) => pax8Routes(app, ctx, () => clientOf(ctx)),
  overview: {
    provider: PAX8,
    unit: "",
    requires: ["PAX8_API_BASE_URL", "PAX8_CLIENT_ID", "PAX8_CLIENT_SECRET"],
    words: pax8Words,
    /** One entry: this month's charges in every currency (`details.charges`); the quota fields carry the largest budgeted one. */
    async read(ctx, refresh) {
      const answer = await ctx.cache.get("pax8:month-charges", () => monthSummaries(clientOf(ctx)), { refresh });
      const charges = chargesByCurrency(answer.value.summaries, ctx.env.PAX8_MONTHLY_BUDGET);
      const { summaries, subscriptions } = answer.value;
      const details: Pax8UsageDetails = { month: answer.fetchedAt.slice(0, 7), charges, summaries: summaries.length, subscriptions };
      return { reads: [answer], figures: { ...headline(charges), details: details as unknown as Record<string, unknown> } };
    },
  },
});
