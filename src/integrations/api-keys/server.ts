import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration, type IntegrationContext } from "../../server/integration";
import { UpstreamError } from "../../server/upstream/http";
import type { IntegrationUsage } from "../usage";
import { createApiKeysClient, UPSTREAM } from "./client";
import { apiKeysMigrations, tables } from "./db";
import { apiKeysRoutes } from "./routes";
import { startApiKeysSimulator } from "./simulator";
import { newReplicaId, type SyncDeps, scheduleSync } from "./sync";

const env = z.object({
  APIKEYS_API_BASE_URL: envVar.url(),
  APIKEYS_SERVICE_TOKEN: envVar.secret(),
  /** Seconds between scheduled syncs; unset: sync only on demand. */
  APIKEYS_SYNC_INTERVAL_S: envVar.positiveInt(),
  /** Credits a user starts with when first seen (the plan: credits are static until purchase is wired). */
  APIKEYS_INITIAL_CREDITS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).default(10_000)),
});
type Env = z.infer<typeof env>;

export const API_KEYS = "API keys";

function client(ctx: IntegrationContext<Env>) {
  if (!ctx.env.APIKEYS_API_BASE_URL || !ctx.env.APIKEYS_SERVICE_TOKEN) {
    throw new UpstreamError(UPSTREAM, "not_configured", "APIKEYS_SERVICE_TOKEN is not set");
  }
  return createApiKeysClient({ baseUrl: ctx.env.APIKEYS_API_BASE_URL, token: ctx.env.APIKEYS_SERVICE_TOKEN, timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS });
}

/** Each server instance (replica) names itself in the sync runs it records. */
const replicas = new WeakMap<object, string>();
function replicaOf(ctx: object): string {
  if (!replicas.has(ctx)) replicas.set(ctx, newReplicaId());
  return replicas.get(ctx)!;
}
const syncDeps = (ctx: IntegrationContext<Env>): SyncDeps => ({
  db: tables(ctx.db),
  client: client(ctx),
  initialCredits: ctx.env.APIKEYS_INITIAL_CREDITS,
  log: ctx.log,
  replica: replicaOf(ctx),
});

/** The overview card: credits left across users, what was deducted, and requests this month (from synced data). */
async function usage(ctx: IntegrationContext<Env>): Promise<IntegrationUsage> {
  const db = tables(ctx.db);
  const base = { id: "api-keys", provider: API_KEYS, name: API_KEYS, unit: "credits", demo: ctx.demo };
  if (ctx.env.APIKEYS_API_BASE_URL && !ctx.env.APIKEYS_SERVICE_TOKEN) {
    return {
      ...base,
      totalQuota: null,
      remainingQuota: null,
      usedQuota: null,
      usagePercentage: null,
      status: "not_configured",
      message: "API keys not configured. Please add APIKEYS_SERVICE_TOKEN to environment variables.",
      fetchedAt: null,
      stale: false,
    };
  }
  const credits = await db
    .selectFrom("user_credits")
    .select((eb) => [eb.fn.sum<number>("balance").as("balance"), eb.fn.sum<number>("shortfall").as("shortfall")])
    .executeTakeFirst();
  const ledger = await db
    .selectFrom("api_keys_credit_ledger")
    .select((eb) => [eb.fn.sum<number>("applied").as("applied"), "kind"])
    .groupBy("kind")
    .execute();
  const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
  const month = await db
    .selectFrom("api_keys_tasks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("created_at", ">=", monthStart)
    .where("api_key_id", "is not", null)
    .executeTakeFirst();
  const lastRun = await db
    .selectFrom("api_keys_sync_runs")
    .select(["ok", "finished_at", "error"])
    .where("finished_at", "is not", null)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const lastOk = await db
    .selectFrom("api_keys_sync_runs")
    .select((eb) => eb.fn.max("finished_at").as("at"))
    .where("ok", "=", 1)
    .executeTakeFirst();
  const granted = Number(ledger.find((l) => l.kind === "grant")?.applied ?? 0);
  const used = Number(ledger.find((l) => l.kind === "deduction")?.applied ?? 0);
  const remaining = Number(credits?.balance ?? 0);
  const stale = lastRun?.ok === 0;
  return {
    ...base,
    totalQuota: granted || null,
    remainingQuota: granted ? remaining : null,
    usedQuota: granted ? used : null,
    usagePercentage: granted ? Math.round((used / granted) * 1000) / 10 : null,
    status: "active",
    fetchedAt: lastOk?.at ?? null,
    stale,
    ...(stale
      ? { message: `${lastRun?.error ?? "The last sync failed."} Showing the last synced figures.` }
      : !lastOk?.at
        ? { message: "Not synced yet." }
        : {}),
    details: { requestsThisMonth: Number(month?.n ?? 0), shortfall: Number(credits?.shortfall ?? 0), lastSyncedAt: lastOk?.at ?? null },
  };
}

export default defineIntegration({
  id: "api-keys",
  order: 40,
  name: API_KEYS,
  env,
  baseUrlVar: "APIKEYS_API_BASE_URL",
  migrations: apiKeysMigrations,
  startSimulator: () => startApiKeysSimulator(),
  routes: (app, ctx) => apiKeysRoutes(app, ctx, { db: tables(ctx.db), client: () => client(ctx), sync: () => syncDeps(ctx) }),
  usage: async (ctx) => [await usage(ctx)],
  start: (ctx) => {
    if (!ctx.env.APIKEYS_SYNC_INTERVAL_S || !ctx.env.APIKEYS_SERVICE_TOKEN) return;
    return scheduleSync(syncDeps(ctx), ctx.env.APIKEYS_SYNC_INTERVAL_S);
  },
});
