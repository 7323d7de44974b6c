import { z } from "zod";

/**
 * The restaurant bot backend's Usage API (specs/restaurant-usage.api.md): the one place its shapes
 * are written. Browser code imports the types from here too (zod only, no Node module).
 */

const count = z.number().int();
const isoDate = z.iso.datetime({ offset: true });

export const allowanceSchema = z.looseObject({
  dailyLimit: count,
  dailyRemaining: count,
  /** Effective monthly limit: plan limit + `adjustedBy`; -1 when unlimited. */
  monthlyLimit: count,
  monthlyRemaining: count,
});

/** One restaurant's usage: an item of the admin list, and the whole PAT answer. */
export const restaurantUsageSchema = z.looseObject({
  restaurantId: z.string().min(1),
  restaurantName: z.string(),
  conversationsThisMonth: count.min(0),
  lastConversationAt: isoDate.nullable(),
  allowance: allowanceSchema,
  /** Sum of this month's top-ups. */
  adjustedBy: count,
  /** 0–100 of the effective limit; omitted for unlimited plans. */
  usagePercent: z.number().min(0).optional(),
  isNearingQuota: z.boolean(),
  firstActivity: isoDate.nullable(),
  lastActivity: isoDate.nullable(),
  isActive: z.boolean(),
});

export const paginationSchema = z.looseObject({
  total: count.min(0),
  limit: count.min(0),
  offset: count.min(0),
  hasMore: z.boolean(),
});

/** GET /api/usage with `X-API-Key`. */
export const usageListSchema = z.looseObject({
  data: z.array(restaurantUsageSchema),
  pagination: paginationSchema,
});

export const historyEntrySchema = z.looseObject({
  month: count.min(1).max(12),
  year: count,
  conversationCount: count.min(0),
  lastConversationAt: isoDate.nullable(),
});

/** GET /api/usage/:restaurantId (admin): the usage plus 6 months of history. */
export const restaurantDetailSchema = restaurantUsageSchema.extend({
  history: z.array(historyEntrySchema),
});

export const alertSchema = z.looseObject({
  restaurantId: z.string().min(1),
  restaurantName: z.string(),
  used: count.min(0),
  /** The effective limit (plan + top-ups), as `remaining = limit - used` shows. */
  limit: count,
  remaining: count,
  usagePercent: z.number().min(0),
  isNearingQuota: z.boolean(),
  adjustedBy: count,
});

/** GET /api/usage/alerts?threshold&limit&offset. */
export const alertsSchema = z.looseObject({
  data: z.array(alertSchema),
  pagination: paginationSchema,
  threshold: z.number().min(0).max(1),
});

/**
 * POST /api/admin/usage/:restaurantId/renew. `limit` is the plan's limit, `effectiveLimit` the
 * limit after top-ups. The spec's example has every field; for an unlimited plan the upstream may
 * leave out `effectiveLimit` and `adjustedBy` (and always leaves out `usagePercent`).
 */
export const renewResultSchema = z.looseObject({
  used: count.min(0),
  limit: count,
  effectiveLimit: count.optional(),
  adjustedBy: count.optional(),
  remaining: count,
  usagePercent: z.number().min(0).optional(),
  isNearingQuota: z.boolean(),
});

export const renewResponseSchema = z.looseObject({
  success: z.literal(true),
  data: renewResultSchema,
});

/** The upstream's error bodies are not specified; what it sends is only ever read for a code. */
export function upstreamCode(body: unknown): string | undefined {
  const b = (body ?? {}) as { code?: unknown; error?: { code?: unknown } };
  const code = b.code ?? (typeof b.error === "object" ? b.error?.code : undefined);
  return typeof code === "string" ? code : undefined;
}

export type RestaurantUsage = z.infer<typeof restaurantUsageSchema>;
export type UsageList = z.infer<typeof usageListSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
export type RestaurantDetail = z.infer<typeof restaurantDetailSchema>;
export type UsageAlert = z.infer<typeof alertSchema>;
export type UsageAlerts = z.infer<typeof alertsSchema>;
export type RenewResult = z.infer<typeof renewResultSchema>;
