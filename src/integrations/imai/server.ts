import { z } from "zod";
import { computeQuota } from "../../auth/quota";
import { envVar } from "../../server/config";
import { defineIntegration } from "../../server/integration";
import type { FailureWords } from "../../server/upstream/failure";
import { createImaiClient, IMAI } from "./client";
import { startImaiSimulator } from "./simulator";

const env = z.object({
  IMAI_API_BASE_URL: envVar.url(),
  IMAI_API_KEY: envVar.secret(),
  /** The plan's credits per period: IMAI reports only what remains. */
  IMAI_CREDITS_TOTAL: envVar.positiveInt(),
});

const REJECTED = "IMAI rejected the API key. Check IMAI_API_KEY.";
const RATE_LIMITED = "IMAI is rate limiting requests. Please try again shortly.";

/** What the card says when IMAI fails: a reason a person can act on, never IMAI's own text. */
export const imaiWords: FailureWords = {
  codes: {
    not_authenticated: REJECTED,
    invalid_api_key: REJECTED,
    subscription_expired: "The IMAI subscription has expired.",
    no_tokens_remaining: "IMAI reports no credits remaining.",
    rate_limit_exceeded: RATE_LIMITED,
  },
  otherwise: "Unable to fetch quota. Please try again.",
};

export default defineIntegration({
  id: "imai",
  order: 10,
  name: IMAI,
  env,
  baseUrlVar: "IMAI_API_BASE_URL",
  startSimulator: () => startImaiSimulator(),
  overview: {
    provider: IMAI,
    unit: "credits",
    requires: ["IMAI_API_KEY", "IMAI_API_BASE_URL"],
    words: imaiWords,
    async read(ctx, refresh) {
      const client = createImaiClient({ baseUrl: ctx.env.IMAI_API_BASE_URL!, apiKey: ctx.env.IMAI_API_KEY!, timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS });
      const info = await ctx.cache.get("imai:account-info", () => client.accountInfo(), { refresh });
      return { reads: [info], figures: computeQuota(ctx.env.IMAI_CREDITS_TOTAL, info.value.credits) };
    },
  },
});
