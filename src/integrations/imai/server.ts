import { z } from "zod";
import { computeQuota } from "../../auth/quota";
import { envVar } from "../../server/config";
import { defineIntegration, type IntegrationContext } from "../../server/integration";
import { UpstreamError } from "../../server/upstream/http";
import type { IntegrationUsage } from "../usage";
import { createImaiClient, IMAI } from "./client";
import { startImaiSimulator } from "./simulator";

const env = z.object({
  IMAI_API_BASE_URL: envVar.url(),
  IMAI_API_KEY: envVar.secret(),
  /** The plan's credits per period: IMAI reports only what remains. */
  IMAI_CREDITS_TOTAL: envVar.positiveInt(),
});
type Env = z.infer<typeof env>;

/** What the card says when IMAI fails: a reason a person can act on, never IMAI's own text. */
export function imaiFailureMessage(error: unknown): string {
  if (!(error instanceof UpstreamError)) return "Unable to fetch quota. Please try again.";
  if (error.failure === "timeout") return "IMAI did not answer in time. Please try again.";
  switch (error.upstreamCode) {
    case "not_authenticated":
    case "invalid_api_key":
      return "IMAI rejected the API key. Check IMAI_API_KEY.";
    case "subscription_expired":
      return "The IMAI subscription has expired.";
    case "no_tokens_remaining":
      return "IMAI reports no credits remaining.";
    case "rate_limit_exceeded":
      return "IMAI is rate limiting requests. Please try again shortly.";
  }
  if (error.status === 429) return "IMAI is rate limiting requests. Please try again shortly.";
  return "Unable to fetch quota. Please try again.";
}

async function imaiUsage(ctx: IntegrationContext<Env>, { refresh }: { refresh: boolean }): Promise<IntegrationUsage> {
  const base = { id: "imai", provider: IMAI, name: "IMAI", unit: "credits", demo: ctx.demo };
  const empty = { totalQuota: ctx.env.IMAI_CREDITS_TOTAL ?? null, remainingQuota: null, usedQuota: null, usagePercentage: null };
  if (!ctx.env.IMAI_API_KEY || !ctx.env.IMAI_API_BASE_URL) {
    return {
      ...base,
      ...empty,
      status: "not_configured",
      message: "IMAI not configured. Please add IMAI_API_KEY to environment variables.",
      fetchedAt: null,
      stale: false,
    };
  }
  const client = createImaiClient({ baseUrl: ctx.env.IMAI_API_BASE_URL, apiKey: ctx.env.IMAI_API_KEY, timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS });
  try {
    const info = await ctx.cache.get("imai:account-info", () => client.accountInfo(), { refresh });
    return {
      ...base,
      ...computeQuota(ctx.env.IMAI_CREDITS_TOTAL, info.value.credits),
      status: "active",
      fetchedAt: info.fetchedAt,
      stale: info.stale,
      ...(info.stale ? { message: `${imaiFailureMessage(info.error)} Showing the last known figures.` } : {}),
    };
  } catch (error) {
    ctx.log.warn({ failure: (error as UpstreamError).failure, status: (error as UpstreamError).status }, "IMAI account info failed");
    return { ...base, ...empty, status: "error", message: imaiFailureMessage(error), fetchedAt: null, stale: false };
  }
}

export default defineIntegration({
  id: "imai",
  order: 10,
  name: IMAI,
  env,
  baseUrlVar: "IMAI_API_BASE_URL",
  startSimulator: () => startImaiSimulator(),
  usage: async (ctx, options) => [await imaiUsage(ctx, options)],
});
