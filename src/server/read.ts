import type { IntegrationUsage, ReadMeta } from "../integrations/usage";
import type { IntegrationContext } from "./integration";
import type { Cached } from "./upstream/cache";
import { describeFailure, type FailureWords, SHOWING_LAST_KNOWN } from "./upstream/failure";

/**
 * Where one or more cached reads came from: the oldest fetch, stale when any of them is the last
 * good answer (the upstream failed), with the reason in words.
 */
export function readMeta(ctx: Pick<IntegrationContext, "demo">, reads: Cached<unknown>[], words?: FailureWords): ReadMeta {
  const stale = reads.find((r) => r.stale);
  const fetchedAt = reads.map((r) => r.fetchedAt).sort()[0] ?? new Date().toISOString();
  return {
    fetchedAt,
    stale: Boolean(stale),
    demo: ctx.demo,
    ...(stale ? { message: `${describeFailure(stale.error, words)} ${SHOWING_LAST_KNOWN}` } : {}),
    ...(reads.some((r) => r.refreshLimited) ? { refreshLimited: true } : {}),
  };
}

/** The one answer of every BFF read: `{data, meta}`. */
export function envelope<T>(ctx: Pick<IntegrationContext, "demo">, data: T, reads: Cached<unknown>[], words?: FailureWords) {
  return { data, meta: readMeta(ctx, reads, words) };
}

/** An entry's figures; figures read from synced data (not through the cache) give their own `fetchedAt` and `stale`. */
export type Figures = Pick<IntegrationUsage, "totalQuota" | "remainingQuota" | "usedQuota" | "usagePercentage"> &
  Partial<Pick<IntegrationUsage, "message" | "details" | "unit" | "id" | "name" | "fetchedAt" | "stale">>;

export interface OverviewSpec<Env> {
  /** The spec's provider name on the card ("IMAI"). */
  provider: string;
  /** What the figures count ("credits"). */
  unit: string;
  /** Variables without which the integration is "not configured". */
  requires: (keyof Env & string)[];
  words?: FailureWords;
  /** Reads the figures through `ctx.cache`: one entry, or several (one per currency). */
  read(ctx: IntegrationContext<Env>, refresh: boolean): Promise<{ reads: Cached<unknown>[]; figures: Figures | Figures[] }>;
}

const NO_FIGURES = { totalQuota: null, remainingQuota: null, usedQuota: null, usagePercentage: null };

/**
 * An integration's entries on the overview: "not configured" when a required variable is unset,
 * its figures with freshness (stale with the reason), or an error entry that says why in words.
 */
export async function overviewEntries<Env>(
  ctx: IntegrationContext<Env>,
  integration: { id: string; name: string },
  spec: OverviewSpec<Env>,
  refresh: boolean,
): Promise<IntegrationUsage[]> {
  const base = { id: integration.id, provider: spec.provider, name: integration.name, unit: spec.unit, demo: ctx.demo };
  const missing = spec.requires.filter((v) => !ctx.env[v]);
  if (missing.length > 0) {
    const message = `${integration.name} not configured. Please add ${missing.join(" and ")} to environment variables.`;
    return [{ ...base, ...NO_FIGURES, status: "not_configured", message, fetchedAt: null, stale: false }];
  }
  try {
    const { reads, figures } = await spec.read(ctx, refresh);
    const meta = readMeta(ctx, reads, spec.words);
    return [figures].flat().map((f) => ({
      ...base,
      status: "active" as const,
      fetchedAt: meta.fetchedAt,
      stale: meta.stale,
      ...f,
      message: [f.message, meta.message].filter(Boolean).join(" ") || undefined,
    }));
  } catch (error) {
    ctx.log.warn({ err: error }, `${integration.name} overview failed`);
    return [{ ...base, ...NO_FIGURES, status: "error", message: describeFailure(error, spec.words), fetchedAt: null, stale: false }];
  }
}

/** One value per integration context (a client that keeps its token, a set of reads). */
export function perContext<C extends object, T>(make: (ctx: C) => T): (ctx: C) => T {
  const made = new WeakMap<C, T>();
  return (ctx) => {
    if (!made.has(ctx)) made.set(ctx, make(ctx));
    return made.get(ctx)!;
  };
}
