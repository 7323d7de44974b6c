import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
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

/** The page's policy: no inline script; antd's runtime styles carry this response's nonce. */
const pagePolicy = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join(";");

/** Everything that is not a page (JSON, assets) renders nothing and may not be framed. */
const OTHER_POLICY = "default-src 'none';frame-ancestors 'none'";

/**
 * The security headers: a Content-Security-Policy the SPA satisfies on its pages (no inline
 * script; antd's runtime styles carry a per-response nonce that index.html hands to the app) and a
 * closed one on every other answer, no framing, nosniff, same-origin referrers, HSTS when served
 * over HTTPS. Helmet's headers are fixed, so it computes them once; only a page makes a nonce.
 */
export async function securityHeaders(app: FastifyInstance, https: boolean) {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: false,
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook("onRequest", async (_request, reply) => {
    reply.header("content-security-policy", OTHER_POLICY);
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
  const page = (reply: FastifyReply) => {
    const nonce = randomBytes(16).toString("base64");
    return reply
      .header("cache-control", "no-cache")
      .header("content-security-policy", pagePolicy(nonce))
      .type("text/html")
      .send(html!.replaceAll(NONCE, nonce));
  };
  if (html) app.get("/", (_request, reply) => page(reply));
  app.setNotFoundHandler((request, reply) => {
    if ((request.method !== "GET" && request.method !== "HEAD") || !html) {
      return reply.code(404).send({ error: { code: "not_found", message: `No route ${request.method} ${request.url.split("?")[0]}.` }, requestId: request.id });
    }
    // Client-side routes: the SPA decides what to show.
    return page(reply);
  });
}
