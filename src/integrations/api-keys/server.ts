import { z } from "zod";
import { envVar } from "../../server/config";
import { defineIntegration, type IntegrationContext } from "../../server/integration";
import { perContext } from "../../server/read";
import { notConfigured } from "../../server/upstream/client";
import { createApiKeysClient, UPSTREAM, WORDS } from "./client";
import { apiKeysMigrations, tables } from "./db";
import { overviewFigures } from "./reads";
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

/** One client per context; without the service token each call fails "not configured". */
const clientOf = perContext((ctx: IntegrationContext<Env>) =>
  createApiKeysClient({
    baseUrl: ctx.env.APIKEYS_API_BASE_URL ?? "http://127.0.0.1/",
    auth: () => {
      if (!ctx.env.APIKEYS_API_BASE_URL || !ctx.env.APIKEYS_SERVICE_TOKEN) throw notConfigured(UPSTREAM, "APIKEYS_SERVICE_TOKEN");
      return { authorization: `Bearer ${ctx.env.APIKEYS_SERVICE_TOKEN}` };
    },
    timeoutMs: ctx.core.UPSTREAM_TIMEOUT_MS,
  }),
);

/** Each server instance (replica) names itself in the sync runs it records. */
const replicaOf = perContext((_ctx: IntegrationContext<Env>) => newReplicaId());

const syncDeps = (ctx: IntegrationContext<Env>): SyncDeps => ({
  db: tables(ctx.db),
  client: clientOf(ctx),
  initialCredits: ctx.env.APIKEYS_INITIAL_CREDITS,
  log: ctx.log,
  replica: replicaOf(ctx),
});

export default defineIntegration({
  id: "api-keys",
  order: 40,
  name: "API keys",
  env,
  baseUrlVar: "APIKEYS_API_BASE_URL",
  migrations: apiKeysMigrations,
  startSimulator: () => startApiKeysSimulator(),
  routes: (app, ctx) => apiKeysRoutes(app, ctx, { db: tables(ctx.db), client: clientOf(ctx), sync: () => syncDeps(ctx) }),
  // The card's figures come from the synced data, not from an upstream read: they say their own freshness.
  overview: {
    provider: "API keys",
    unit: "credits",
    requires: ["APIKEYS_SERVICE_TOKEN"],
    words: WORDS,
    read: async (ctx) => ({ reads: [], figures: await overviewFigures(tables(ctx.db)) }),
  },
  start: (ctx) => {
    if (!ctx.env.APIKEYS_SYNC_INTERVAL_S || !ctx.env.APIKEYS_SERVICE_TOKEN) return;
    return scheduleSync(syncDeps(ctx), ctx.env.APIKEYS_SYNC_INTERVAL_S);
  },
});
