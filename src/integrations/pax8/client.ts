import type { z } from "zod";
import { createUpstreamClient } from "../../server/upstream/client";
import {
  type ListSubscriptionsOptions,
  type ListUsageLinesOptions,
  type ListUsageSummariesOptions,
  listSubscriptionsOptions,
  listUsageLinesOptions,
  listUsageSummariesOptions,
  subscriptionListSchema,
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

/**
 * The typed Pax8 Partner API client. It mirrors Pax8's paths: usage summaries are reached through
 * their subscription, their lines through the summary. Every input is checked before anything is sent.
 */
export function createPax8Client(options: Pax8ClientOptions) {
  const tokens = new Pax8TokenSource(options);
  const api = createUpstreamClient({
    name: PAX8,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    auth: async () => ({ authorization: `Bearer ${await tokens.get()}` }),
    // The token may have been revoked early: one new token, one more try.
    onUnauthorized: (refused) => tokens.invalidate(refused.authorization?.replace(/^Bearer /, "") ?? ""),
    toError: pax8ErrorFor,
    timeoutMs: options.timeoutMs,
    retries: options.maxRetries ?? 2,
    maxRetryAfterS: options.maxRetryAfterS ?? 10,
    headers: options.headers,
  });
  const id = (value: unknown, field: string) => checked(uuidField, value, field);

  return {
    subscriptions: {
      /** GET /subscriptions: so a user can choose the subscription whose usage to read. */
      list: async (opts: ListSubscriptionsOptions = {}) =>
        api.get("/subscriptions", subscriptionListSchema, { query: checked(listSubscriptionsOptions, opts, "options") }),
      /** GET /subscriptions/{subscriptionId}/usage-summaries: 0-based pages, size 1–200. */
      listUsageSummaries: async (subscriptionId: string, opts: ListUsageSummariesOptions = {}) =>
        api.get(`/subscriptions/${id(subscriptionId, "subscriptionId")}/usage-summaries`, usageSummaryListSchema, {
          query: checked(listUsageSummariesOptions, opts, "options"),
        }),
    },
    usageSummaries: {
      /** GET /usage-summaries/{usageSummaryId}. */
      get: async (usageSummaryId: string) => api.get(`/usage-summaries/${id(usageSummaryId, "usageSummaryId")}`, usageSummarySchema),
      /** GET /usage-summaries/{usageSummaryId}/usage-lines: `usageDate` (yyyy-MM-dd) is required. */
      listLines: async (usageSummaryId: string, opts: ListUsageLinesOptions) =>
        api.get(`/usage-summaries/${id(usageSummaryId, "usageSummaryId")}/usage-lines`, usageLineListSchema, {
          query: checked(listUsageLinesOptions, opts, "usageDate"),
        }),
    },
  };
}
