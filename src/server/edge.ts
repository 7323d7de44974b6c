import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { resolve } from "node:path";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from "fastify";

const errorBody = (code: string, message: string, requestId: string) => JSON.stringify({ error: { code, message }, requestId });

/** Errors Fastify raises before a route runs (a malformed URL, a parameter too long): in the error shape. */
export const frameworkErrors: FastifyServerOptions["frameworkErrors"] = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
  const code = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "uri_too_long" : "bad_request";
  const message = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "A part of the address is too long." : "The address is not valid.";
  reply
    .code(error.statusCode ?? 400)
    .type("application/json")
    .send(errorBody(code, message, request.id));
};

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, "headers_too_large", "The request's headers are too large."],
  HPE_URI_TOO_LONG: [414, "uri_too_long", "The address is too long."],
};

/** What Node's HTTP parser refuses (headers too large, a broken request): in the error shape, then the connection closes. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ""] ?? [400, "bad_request", "The request could not be read."];
  if (!socket.writable) return void socket.destroy();
  const body = errorBody(code, message, randomUUID());
  socket.end(
    `HTTP/1.1 ${status} ${code.replace(/_/g, " ")}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const NONCE = "__CSP_NONCE__";
const nonceOf = (res: ServerResponse) => (res as ServerResponse & { styleNonce?: string }).styleNonce ?? "";

/**
 * The pages' security headers: a Content-Security-Policy the SPA satisfies (no inline script; antd's
 * runtime styles carry a per-response nonce that index.html hands to the app), no framing, nosniff,
 * same-origin referrers, HSTS when served over HTTPS.
 */
export async function securityHeaders(app: FastifyInstance, https: boolean) {
  app.addHook("onRequest", async (_request, reply) => {
    (reply.raw as ServerResponse & { styleNonce?: string }).styleNonce = randomBytes(16).toString("base64");
  });
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrcElem: ["'self'", (_req, res) => `'nonce-${nonceOf(res as ServerResponse)}'`],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * The built SPA: assets cached for good and sent as the build compressed them (`.br`/`.gz` beside
 * each file, chosen by Accept-Encoding), index.html (with this response's style nonce) for every
 * client-side route.
 */
export function serveSpa(app: FastifyInstance, root: string) {
  const index = resolve(root, "index.html");
  const html = existsSync(index) ? readFileSync(index, "utf8") : null;
  if (html) {
    app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(res, path) {
        res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  const page = (reply: FastifyReply) =>
    reply
      .header("cache-control", "no-cache")
      .type("text/html")
      .send(html!.replaceAll(NONCE, nonceOf(reply.raw)));
  if (html) app.get("/", (_request, reply) => page(reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.method !== "GET" || !html) {
      return reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}.` }, requestId: request.id });
    }
    // Client-side routes: the SPA decides what to show.
    return page(reply);
  });
}
