import type { FastifyBaseLogger } from "fastify";
import type { z } from "zod";
import { type Audit, createAudit } from "./audit";
import { ensureDemoUsers } from "./auth/users";
import { ConfigError, type CoreConfig, coreEnvSchema, parseEnv } from "./config";
import { createDb, type Db } from "./db/database";
import { migrate } from "./db/migrations";
import type { IntegrationContext, RunningSimulator, ServerIntegration } from "./integration";
import { serverIntegrations } from "./integrations";
import { schedulePruning, UpstreamCache } from "./upstream/cache";

export interface ConsoleOptions {
  /** Environment variables (process.env by default): DATABASE_URL, each integration's base URL and credentials. */
  env?: Record<string, string | undefined>;
  integrations?: ServerIntegration<any>[];
  /** PostgreSQL schema for the console's tables (created when missing): apart from the host's. */
  dbSchema?: string;
  /** Run background jobs (scheduled syncs, pruning). */
  jobs?: boolean;
  /** Create the demo users (the console's own sign-in, no upstream configured or DEMO_USERS=1). */
  demoUsers?: boolean;
}

/** What the console is, apart from HTTP: configuration, database, one context per integration. */
export interface Console {
  config: CoreConfig;
  /** Every variable as parsed (core and integrations), to find credential values to redact. */
  parsed: Record<string, unknown>;
  db: Db;
  cache: UpstreamCache;
  audit: Audit;
  integrations: ServerIntegration<any>[];
  contexts: Map<string, IntegrationContext<any>>;
  /** True when demo users were created. */
  demoUsers: boolean;

  /** Starts background jobs (with `prune`, what the HTTP side wants deleted now and then); called once the logger is known. */
  start(log: FastifyBaseLogger, prune?: Array<() => Promise<unknown>>): void;
  close(): Promise<void>;
}

/** Reads the configuration, opens the database, runs migrations and starts the simulators an unset base URL asks for. */
export async function createConsole(options: ConsoleOptions = {}): Promise<Console> {
  const env = options.env ?? process.env;
  const integrations = options.integrations ?? serverIntegrations;
  const schema = integrations.reduce<z.ZodObject>((s, i) => s.extend(i.env.shape), coreEnvSchema);
  const parsed = parseEnv(schema, env) as Record<string, unknown>;
  const config = parsed as CoreConfig;

  const db = createDb(config.DATABASE_URL, { schema: options.dbSchema });
  const simulators: RunningSimulator[] = [];
  const stops: Array<() => Promise<void> | void> = [];
  try {
    await migrate(db, Object.assign({}, ...integrations.map((i) => i.migrations ?? {})), options.dbSchema);
    const noUpstream = integrations.every((i) => !parsed[i.baseUrlVar]);
    // Demo accounts beside a real upstream would open it to anyone who knows the default password.
    if (config.DEMO_USERS && !noUpstream && config.DEMO_PASSWORD === "demo") {
      throw new ConfigError(['DEMO_PASSWORD: must be set to something other than "demo" when DEMO_USERS=1 and an upstream is configured']);
    }
    const demoUsers = (options.demoUsers ?? true) && (noUpstream || config.DEMO_USERS);
    if (demoUsers) await ensureDemoUsers(db, config.DEMO_PASSWORD);

    const cache = new UpstreamCache(db, config.UPSTREAM_CACHE_TTL_S * 1000, config.UPSTREAM_READ_BUDGET_MS, config.REFRESH_MIN_INTERVAL_S * 1000);
    const audit = createAudit(db);
    const contexts = new Map<string, IntegrationContext<any>>();
    for (const integration of integrations) {
      let own: Record<string, unknown> = Object.fromEntries(Object.keys(integration.env.shape).map((k) => [k, parsed[k]]));
      let simulator: RunningSimulator | undefined;
      if (!own[integration.baseUrlVar] && integration.startSimulator) {
        simulator = await integration.startSimulator();
        simulators.push(simulator);
        // What is set wins; the simulator fills its URL and what is unset (its key, its plan).
        const raw = Object.fromEntries(Object.keys(integration.env.shape).map((k) => [k, env[k]]));
        own = parseEnv(integration.env, { ...simulator.env, ...definedOnly(raw), [integration.baseUrlVar]: simulator.url });
      }
      // The logger is the host's: set when the routes are registered.
      contexts.set(integration.id, {
        env: own,
        demo: Boolean(simulator),
        simulator,
        core: config,
        db,
        cache: cache.for(integration.name),
        audit,
        log: undefined as never,
      });
    }

    return {
      config,
      parsed,
      db,
      cache,
      audit,
      integrations,
      contexts,
      demoUsers,
      start(log, prune = []) {
        if (!options.jobs) return;
        for (const integration of integrations) {
          const stop = integration.start?.(contexts.get(integration.id)!);
          if (stop) stops.push(stop);
        }
        stops.push(schedulePruning(db, log, prune));
      },
      async close() {
        for (const stop of stops.splice(0)) await stop();
        await Promise.all(simulators.map((s) => s.close()));
        await db.destroy();
      },
    };
  } catch (error) {
    await Promise.all(simulators.map((s) => s.close()));
    await db.destroy();
    throw error;
  }
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
}
