import type { z } from "zod";
import { parseRetryAfter, UpstreamError, upstreamFetch } from "../../server/upstream/http";
import {
  type ListSubscriptionsOptions,
  type ListUsageLinesOptions,
  type ListUsageSummariesOptions,
  listSubscriptionsOptions,
  listUsageLinesOptions,
  listUsageSummariesOptions,
  pax8ErrorSchema,
  type SubscriptionListResponse,
  subscriptionListSchema,
  type UsageLineListResponse,
  type UsageSummary,
  type UsageSummaryListResponse,
  usageLineListSchema,
  usageSummaryListSchema,
  usageSummarySchema,
  uuidField,
} from "./contract";
import { PAX8, Pax8ValidationError, pax8ErrorFor } from "./errors";
import { Pax8TokenSource, type TokenSourceOptions } from "./token";

export const DEFAULT_BASE_URL = "https://api.pax8.com/v1";

export interface Pax8ClientOptions extends Omit<TokenSourceOptions, "timeoutMs"> {
  /** Partner API root, `https://api.pax8.com/v1` by default. */
  baseUrl?: string;
  /** Timeout of every HTTP call (token and API), in ms. */
  timeoutMs?: number;
  /** Retries of a read after 429 (honouring Retry-After), 5xx or a network failure. */
  maxRetries?: number;
  /** A Retry-After longer than this (seconds) is not waited for: the 429 is returned at once. */
  maxRetryAfterS?: number;
  /** Extra headers on every API call (a User-Agent, or a mock server's Prefer). */
  headers?: Record<string, string>;
}

export type Pax8Client = ReturnType<typeof createPax8Client>;

/** Checks input with zod before anything is sent; a failure names the field. */
function checked<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw Pax8ValidationError.fromZod(result.error, field);
  return result.data;
}

const checkId = (id: unknown, field: string): string => checked(uuidField, id, field);

/**
 * The typed Pax8 Partner API client. It mirrors Pax8's paths: usage summaries are reached through
 * their subscription, their lines through the summary.
 */
export function createPax8Client(options: Pax8ClientOptions) {
  const root = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const tokens = new Pax8TokenSource({ ...options, timeoutMs: options.timeoutMs });

  async function get<S extends z.ZodType>(path: string, query: Record<string, unknown>, schema: S): Promise<z.output<S>> {
    const url = new URL(`${root}${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    let token = await tokens.get();
    let res = await send(url, token);
    if (res.status === 401) {
      // The token may have been revoked early: one new token, one more try.
      tokens.invalidate(token);
      token = await tokens.get();
      res = await send(url, token);
    }
    if (res.status >= 200 && res.status < 300) {
      const parsed = schema.safeParse(res.body);
      if (!parsed.success)
        throw new UpstreamError(PAX8, "invalid_response", `Pax8 sent an answer to ${path.split("/")[1]} the console does not understand`, res.status);
      return parsed.data;
    }
    const body = pax8ErrorSchema.safeParse(res.body);
    throw pax8ErrorFor(res.status, body.success ? body.data : undefined, parseRetryAfter(res.headers.get("retry-after")));
  }

  function send(url: URL, token: string) {
    return upstreamFetch({
      upstream: PAX8,
      url: url.toString(),
      headers: { ...options.headers, authorization: `Bearer ${token}` },
      timeoutMs: options.timeoutMs,
      retries: options.maxRetries ?? 2,
      maxRetryAfterS: options.maxRetryAfterS ?? 10,
    });
  }

  return {
    subscriptions: {
      /** GET /subscriptions: so a user can choose the subscription whose usage to read. */
      async list(opts: ListSubscriptionsOptions = {}): Promise<SubscriptionListResponse> {
        const query = checked(listSubscriptionsOptions, opts, "options");
        return get("/subscriptions", query, subscriptionListSchema);
      },
      /** GET /subscriptions/{subscriptionId}/usage-summaries: 0-based pages, size 1–200. */
      async listUsageSummaries(subscriptionId: string, opts: ListUsageSummariesOptions = {}): Promise<UsageSummaryListResponse> {
        const id = checkId(subscriptionId, "subscriptionId");
        const query = checked(listUsageSummariesOptions, opts, "options");
        return get(`/subscriptions/${id}/usage-summaries`, query, usageSummaryListSchema);
      },
    },
    usageSummaries: {
      /** GET /usage-summaries/{usageSummaryId}. */
      async get(usageSummaryId: string): Promise<UsageSummary> {
        const id = checkId(usageSummaryId, "usageSummaryId");
        return get(`/usage-summaries/${id}`, {}, usageSummarySchema);
      },
      /** GET /usage-summaries/{usageSummaryId}/usage-lines: `usageDate` (yyyy-MM-dd) is required. */
      async listLines(usageSummaryId: string, opts: ListUsageLinesOptions): Promise<UsageLineListResponse> {
        const id = checkId(usageSummaryId, "usageSummaryId");
        const query = checked(listUsageLinesOptions, opts, "usageDate");
        return get(`/usage-summaries/${id}/usage-lines`, query, usageLineListSchema);
      },
    },
  };
}
