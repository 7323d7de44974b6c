import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { RouteEntry } from "./auth/guard";
import type { Console, ConsoleOptions } from "./console";
import { createConsole } from "./console";
import { ping } from "./db/database";
import { REDACT_PATHS, redactingStream, secretValues } from "./logging";
import { usageConsole } from "./plugin";

export interface BuildOptions extends ConsoleOptions {
  /** Where log lines go (stdout by default); tests capture them to look for secrets. */
  logStream?: NodeJS.WritableStream;
}

export interface BuiltApp extends Pick<Console, "db" | "config" | "contexts" | "demoUsers"> {
  app: FastifyInstance;
  routes: RouteEntry[];
  close(): Promise<void>;
}

/** The standalone console: the first host of the plugin, with its own sign-in, serving the SPA. */
export async function buildApp(options: BuildOptions = {}): Promise<BuiltApp> {
  const core = await createConsole(options);
  const { config } = core;
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: "[REDACTED]" },
      stream: redactingStream(options.logStream ?? process.stdout, secretValues(core.parsed)),
    },
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
    trustProxy: config.TRUST_PROXY,
  });
  try {
    await app.register(usageConsole, { prefix: "/api", console: core });
    app.get("/healthz", async () => ({ ok: true }));
    app.get("/readyz", async (_request, reply) => {
      try {
        await ping(core.db);
        return { ok: true };
      } catch {
        return reply.code(503).send({ ok: false });
      }
    });
    serveSpa(app, resolve(config.STATIC_DIR));
    await app.ready();
  } catch (error) {
    await app.close().catch(() => undefined);
    await core.close();
    throw error;
  }
  const { db, contexts, demoUsers, routes } = app.usageConsole;
  return { app, db, config, contexts, demoUsers, routes, close: () => app.close() };
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
    if (request.method !== "GET" || !hasSpa) {
      return reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${path}.` }, requestId: request.id });
    }
    // Client-side routes: the SPA decides what to show.
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
