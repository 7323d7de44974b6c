import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { auditRoutes } from "./audit-routes";
import { permissionGuard, type RouteEntry } from "./auth/guard";
import { authRoutes } from "./auth/routes";
import { SESSION_COOKIE, Sessions } from "./auth/sessions";
import { LoginThrottle } from "./auth/throttle";
import { type Console, type ConsoleOptions, createConsole } from "./console";
import { AppError } from "./errors";
import { installErrorHandling } from "./http-errors";
import { overviewRoute } from "./overview";

/** What a host's `authenticate(request)` answers for a signed-in user: who, and the permission strings. */
export interface HostUser {
  id: string;
  email: string;
  name?: string;
  roles?: string[];
  /** `integration:Read`, `integration:Renew`, `integration:Write`, `audit:Read`, `*`… */
  permissions: string[];
  /** For an owner account: the one restaurant it may read. */
  restaurantId?: string | null;
}

export interface UsageConsoleOptions extends ConsoleOptions {
  /** Where the console's API is mounted ("/api" by default). */
  prefix?: string;
  /** The host's sign-in: the user of a request, or null. Without it, the console's own users and sessions. */
  authenticate?: (request: FastifyRequest) => Promise<HostUser | null> | HostUser | null;
  /** A console already created (the standalone server creates its own to log its secrets away). */
  console?: Console;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The console mounted by the plugin: its configuration, database, integrations and routes. */
    usageConsole: Console & { routes: RouteEntry[] };
  }
}

/** The console's routes, in a scope of their own: error shape, permission guard, auth, audit, integrations, overview. */
async function consoleScope(scope: FastifyInstance, options: { core: Console; routes: RouteEntry[]; authenticate?: UsageConsoleOptions["authenticate"] }) {
  const { core, authenticate } = options;
  const { config, db } = core;
  installErrorHandling(scope);

  const sessions = authenticate
    ? null
    : new Sessions(db, config.SESSION_SECRET ?? randomBytes(32).toString("hex"), config.SESSION_IDLE_MINUTES * 60_000, config.SESSION_MAX_HOURS * 3600_000);
  if (sessions && !scope.hasRequestDecorator("cookies")) await scope.register(fastifyCookie);
  if (sessions && !config.SESSION_SECRET)
    scope.log.warn("SESSION_SECRET is not set: sessions end when the server restarts and are not shared between replicas");
  permissionGuard(
    scope,
    async (request) => {
      if (sessions) {
        const id = request.cookies[SESSION_COOKIE];
        return id ? sessions.resolve(id) : null;
      }
      const user = await authenticate!(request);
      return user ? { name: user.email, roles: [], ...user, restaurantId: user.restaurantId ?? null } : null;
    },
    options.routes,
  );
  // Writes and sign-ins, per user (or address before sign-in): a burst is refused before it reaches an upstream or scrypt.
  await scope.register(fastifyRateLimit, {
    global: true,
    max: config.WRITE_RATE_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (request) => request.method === "GET" || request.method === "HEAD",
    keyGenerator: (request) => (request.user ? `user:${request.user.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new AppError(429, "rate_limited", `Too many changes at once. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, undefined, {
        "retry-after": String(Math.ceil(context.ttl / 1000)),
      }),
  });
  const throttle = new LoginThrottle(db);
  if (sessions) authRoutes(scope, { db, sessions, throttle, audit: core.audit, cookieSecure: config.COOKIE_SECURE, demo: core.demoUsers });
  if (sessions && core.demoUsers) scope.log.warn("Demo users exist (DEMO_USERS or no upstream configured): anyone who knows their password can sign in");

  scope.get("/auth/me", { config: { permission: "authenticated" } }, async (request) => {
    const { id, email, name, roles, permissions, restaurantId } = request.user!;
    return { id, email, name, roles, permissions, ...(restaurantId ? { restaurantId } : {}) };
  });
  auditRoutes(scope, db);
  for (const integration of core.integrations) {
    const ctx = core.contexts.get(integration.id)!;
    ctx.log = scope.log.child({ integration: integration.id });
    await integration.routes?.(scope, ctx);
  }
  overviewRoute(scope, db, core.integrations, core.contexts, config.OVERVIEW_DEADLINE_MS);
  scope.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}.` }, requestId: request.id }),
  );
  core.start(scope.log, sessions ? [() => sessions.prune(), () => throttle.prune()] : []);
}

/**
 * The Usage Console as a Fastify plugin: `app.register(usageConsole, { prefix, authenticate })`.
 * It mounts the console's API under `prefix`, runs its migrations in its own tables (on
 * PostgreSQL in `dbSchema` if given), starts a simulator for each integration whose base URL is
 * unset, and closes everything with the host.
 */
const plugin: FastifyPluginAsync<UsageConsoleOptions> = async (fastify, options) => {
  // A host runs the console's background jobs (scheduled syncs, pruning) unless it says otherwise.
  const core = options.console ?? (await createConsole({ ...options, jobs: options.jobs ?? true }));
  const routes: RouteEntry[] = [];
  fastify.decorate("usageConsole", Object.assign(core, { routes }));
  fastify.addHook("onClose", () => core.close());
  await fastify.register(consoleScope, { prefix: options.prefix ?? "/api", core, routes, authenticate: options.authenticate });
};

export const usageConsole = fp(plugin, { name: "usage-console", fastify: "5.x" });
