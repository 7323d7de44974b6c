import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { z } from "zod";
import { createAudit } from "./audit";
import { auditRoutes } from "./audit-routes";
import { permissionGuard, type RouteEntry } from "./auth/guard";
import { authRoutes } from "./auth/routes";
import { Sessions } from "./auth/sessions";
import { LoginThrottle } from "./auth/throttle";
import { ensureDemoUsers } from "./auth/users";
import { type CoreConfig, coreEnvSchema, parseEnv } from "./config";
import { createDb, type Db, ping } from "./db/database";
import { migrate } from "./db/migrations";
import { installErrorHandling } from "./http-errors";
import type { IntegrationContext, RunningSimulator, ServerIntegration } from "./integration";
import { serverIntegrations } from "./integrations";
import { REDACT_PATHS, redactingStream, secretValues } from "./logging";
import { overviewRoute } from "./overview";
import { schedulePruning, UpstreamCache } from "./upstream/cache";

export interface BuildOptions {
  env?: Record<string, string | undefined>;
  integrations?: ServerIntegration<any>[];
  /** Where log lines go (stdout by default); tests capture them to look for secrets. */
  logStream?: NodeJS.WritableStream;
  /** PostgreSQL schema to use (tests). */
  dbSchema?: string;
  /** Run integrations' background jobs (the scheduled sync). */
  jobs?: boolean;
}

export interface BuiltApp {
  app: FastifyInstance;
  db: Db;
  config: CoreConfig;
  routes: RouteEntry[];
  contexts: Map<string, IntegrationContext<any>>;
  /** True when demo users were created (no upstream configured, or DEMO_USERS=1). */
  demoUsers: boolean;
  close(): Promise<void>;
}

export async function buildApp(options: BuildOptions = {}): Promise<BuiltApp> {
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
    const demoUsers = noUpstream || config.DEMO_USERS;
    if (demoUsers) await ensureDemoUsers(db, config.DEMO_PASSWORD);

    const app = Fastify({
      logger: {
        level: config.LOG_LEVEL,
        redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
        stream: redactingStream(options.logStream ?? process.stdout, secretValues(parsed)),
      },
      genReqId: () => randomUUID(),
      bodyLimit: 256 * 1024,
      trustProxy: config.TRUST_PROXY,
    });
    const cache = new UpstreamCache(db, config.UPSTREAM_CACHE_TTL_S * 1000);
    const audit = createAudit(db);
    const sessions = new Sessions(db, config.SESSION_SECRET ?? randomBytes(32).toString("hex"), config.SESSION_IDLE_MINUTES * 60_000);
    if (!config.SESSION_SECRET) app.log.warn("SESSION_SECRET is not set: sessions end when the server restarts and are not shared between replicas");

    await app.register(fastifyCookie);
    installErrorHandling(app);
    const routes = permissionGuard(app, sessions);
    authRoutes(app, {
      db,
      sessions,
      throttle: new LoginThrottle(db),
      audit,
      cookieSecure: config.COOKIE_SECURE,
      demo: demoUsers ? { password: env.DEMO_PASSWORD ? null : config.DEMO_PASSWORD } : null,
    });
    auditRoutes(app, db);

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
      const ctx: IntegrationContext<any> = {
        env: own,
        demo: Boolean(simulator),
        simulator,
        core: config,
        db,
        cache,
        audit,
        log: app.log.child({ integration: integration.id }),
      };
      contexts.set(integration.id, ctx);
      await integration.routes?.(app, ctx);
      if (options.jobs) {
        const stop = integration.start?.(ctx);
        if (stop) stops.push(stop);
      }
    }

    overviewRoute(app, db, integrations, contexts, config.OVERVIEW_DEADLINE_MS);
    if (options.jobs) stops.push(schedulePruning(db, app.log));

    app.get("/healthz", async () => ({ ok: true }));
    app.get("/readyz", async (_request, reply) => {
      try {
        await ping(db);
        return { ok: true };
      } catch {
        return reply.code(503).send({ ok: false });
      }
    });

    serveSpa(app, resolve(config.STATIC_DIR));

    return {
      app,
      db,
      config,
      routes,
      contexts,
      demoUsers,
      async close() {
        for (const stop of stops) await stop();
        await app.close();
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

function serveSpa(app: FastifyInstance, root: string) {
  const hasSpa = existsSync(resolve(root, "index.html"));
  if (hasSpa) {
    app.register(fastifyStatic, {
      root,
      wildcard: false,
      setHeaders(res, path) {
        res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0];
    if (/^\/(api|auth)(\/|$)/.test(path) || request.method !== "GET" || !hasSpa) {
      return reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${path}.` }, requestId: request.id });
    }
    // Client-side routes: the SPA decides what to show.
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
