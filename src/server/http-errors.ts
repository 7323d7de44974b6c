import type { FastifyError, FastifyInstance } from "fastify";
import { AppError } from "./errors";
import { failureToAppError } from "./upstream/failure";
import { UpstreamError } from "./upstream/http";

/** Every error answers `{error: {code, message, details?}, requestId}`; a 500 never says why. */
export function installErrorHandling(app: FastifyInstance) {
  // JSON bodies only: a form or text/plain body (what another site can post) is refused with 415.
  app.removeContentTypeParser("text/plain");

  // A write from another origin is refused, whatever its cookies.
  app.addHook("onRequest", async (request) => {
    if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
    const site = request.headers["sec-fetch-site"];
    const origin = request.headers.origin;
    let foreign = site === "cross-site";
    if (origin && !foreign) {
      try {
        foreign = new URL(origin).host !== request.headers.host;
      } catch {
        foreign = true;
      }
    }
    if (foreign) throw new AppError(403, "cross_origin", "Requests from another site are not accepted.");
  });

  // PostgreSQL refuses text holding U+0000 (SQLite keeps it): refuse it at the door, for every route,
  // rather than half-doing a write whose audit entry or snapshot then fails.
  app.addHook("preValidation", async (request) => {
    for (const [where, value] of [
      ["query", request.query],
      ["params", request.params],
      ["body", request.body],
    ] as const) {
      const field = nulPath(value);
      if (field !== null)
        throw new AppError(422, "validation_failed", `${field || where}: must not contain a NUL character`, [
          { field: field || where, message: "must not contain a NUL character" },
        ]);
    }
  });

  app.setErrorHandler((raw: FastifyError | Error, request, reply) => {
    const error = raw instanceof UpstreamError ? failureToAppError(raw) : raw;
    if (error instanceof AppError) {
      if (raw instanceof UpstreamError) request.log.warn({ upstream: raw.upstream, failure: raw.failure, status: raw.status }, raw.message);
      for (const [k, v] of Object.entries(error.headers ?? {})) reply.header(k, v);
      return reply.code(error.statusCode).send({
        error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) },
        requestId: request.id,
      });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: (error as FastifyError).code ?? "bad_request", message: error.message }, requestId: request.id });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send({ error: { code: "internal", message: "Something went wrong on our side. Try again." }, requestId: request.id });
  });
}

/** The path of the first string holding U+0000 in a parsed input ("" for the value itself), or null. */
export function nulPath(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key.includes("\u0000")) return path ? `${path}.${key}` : key;
      const found = nulPath(child, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}
