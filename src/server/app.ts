import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import fastifyCompress from "@fastify/compress";
import Fastify, { type FastifyInstance } from "fastify";
import type { RouteEntry } from "./auth/guard";
import type { Console, ConsoleOptions } from "./console";
import { createConsole } from "./console";
import { ping } from "./db/database";
import { clientErrorHandler, frameworkErrors, securityHeaders, serveSpa } from "./edge";
import { envelopeSerializer } from "./json-serializer";
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
    // A hop count trusts that many proxies nearest the server, as Fastify's own number form does.
    trustProxy: typeof config.TRUST_PROXY === "number" ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number) : config.TRUST_PROXY,
    frameworkErrors,
    clientErrorHandler,
  });
  try {
    await securityHeaders(app, config.COOKIE_SECURE);
    // A cached read's data is stringified once, not per request.
    app.setReplySerializer(envelopeSerializer());
    // Answers over 1 KB (JSON, index.html) compressed as the client accepts; assets come pre-compressed.
    // (brotli at the plugin's quality 4: quality 11 costs more time than it saves bytes on the fly)
    await app.register(fastifyCompress, { threshold: 1024, encodings: ["br", "gzip"] });
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
