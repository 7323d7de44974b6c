import type { FastifyError, FastifyInstance } from "fastify";
import { AppError } from "./errors";
import { installInputLimits } from "./input-limits";
import { failureToAppError } from "./upstream/failure";
import { UpstreamError } from "./upstream/http";

/** Every error answers `{error: {code, message, details?}, requestId}`; a 500 never says why. API answers are never cached. */
export function installErrorHandling(app: FastifyInstance) {
  installInputLimits(app);
  app.addHook("onSend", async (_request, reply) => {
    reply.header("cache-control", "no-store");
  });

  // A write from another origin is refused, whatever its cookies.
  app.addHook("onRequest", async (request) => {
    if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return;
    const site = request.headers["sec-fetch-site"];
    const origin = request.headers.origin;
    // The Origin must be this server exactly: scheme, host and port.
    const foreign = site === "cross-site" || (origin !== undefined && origin !== `${request.protocol}://${request.headers.host}`);
    if (foreign) throw new AppError(403, "cross_origin", "Requests from another site are not accepted.");
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
