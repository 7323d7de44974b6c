import type { z } from "zod";
import { parseRetryAfter, rateLimiter, UpstreamError, type UpstreamRequest, type UpstreamResponse, upstreamFetch } from "./http";

/** Query parameters: any object of plain values (undefined ones are left out). */
type Query = object;
type Headers = Record<string, string>;

export interface UpstreamClientOptions {
  /** The upstream's name as people read it ("IMAI", "Pax8"); every error carries it. */
  name: string;
  baseUrl: string;
  /** The credential headers of a call; may throw `UpstreamError("not_configured")`, may be async (a token). */
  auth?: () => Headers | Promise<Headers>;
  /** The upstream's own error code from its error body (never its text), for `UpstreamError.upstreamCode`. */
  errorCode?: (body: unknown) => string | undefined;
  /** Builds the error for a non-2xx answer when the integration has typed errors of its own. */
  toError?: (status: number, body: unknown, retryAfterS: number | undefined) => UpstreamError;
  /** Called once on a 401 with the headers that were refused; the call is retried once with fresh `auth()` headers (a revoked token). */
  onUnauthorized?: (refused: Headers) => void;
  timeoutMs?: number;
  /** Retries of a read (429, 5xx, network); writes are never retried. */
  retries?: number;
  maxRetryAfterS?: number;
  /** Headers on every call besides the credential (a User-Agent, a mock server's Prefer). */
  headers?: Headers;
  /** The upstream's documented rate: calls are spaced so that this process never exceeds it. */
  ratePerSecond?: number;
}

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Per-call credential headers instead of `auth()` (restaurants' owner call uses another token). */
  auth?: Headers;
}

/**
 * The one way an integration calls its upstream: URL under the base, credentials, the shared
 * fetch (timeout, bounded retries, Retry-After in both forms), zod-checked answers and
 * `UpstreamError`s that carry the upstream's code but never its body.
 */
export function createUpstreamClient(options: UpstreamClientOptions) {
  const root = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const { name } = options;
  const beforeTry = options.ratePerSecond ? rateLimiter(`${name} ${root}`, options.ratePerSecond) : undefined;

  function url(path: string, query: Query = {}): string {
    const target = new URL(path.replace(/^\//, ""), root);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) target.searchParams.set(k, String(v));
    return target.toString();
  }

  async function send(method: UpstreamRequest["method"], path: string, call: CallOptions): Promise<UpstreamResponse> {
    const request = async (headers: Headers) =>
      upstreamFetch({
        upstream: name,
        url: url(path, call.query),
        method,
        headers: { ...options.headers, ...headers },
        body: call.body,
        timeoutMs: options.timeoutMs,
        ...(options.retries !== undefined && method === "GET" ? { retries: options.retries } : {}),
        maxRetryAfterS: options.maxRetryAfterS,
        beforeTry,
      });
    const headers = call.auth ?? (await options.auth?.()) ?? {};
    const res = await request(headers);
    if (res.status !== 401 || !options.onUnauthorized || call.auth) return res;
    options.onUnauthorized(headers);
    return request((await options.auth?.()) ?? {});
  }

  async function call<S extends z.ZodType>(method: UpstreamRequest["method"], path: string, schema: S | null, opts: CallOptions = {}): Promise<z.output<S>> {
    const res = await send(method, path, opts);
    if (res.status >= 200 && res.status < 300) {
      if (!schema) return undefined as z.output<S>;
      const parsed = schema.safeParse(res.body);
      if (parsed.success) return parsed.data;
      throw new UpstreamError(name, "invalid_response", `${name} sent an answer the console does not understand`, res.status);
    }
    const retryAfterS = parseRetryAfter(res.headers.get("retry-after"));
    if (options.toError) throw options.toError(res.status, res.body, retryAfterS);
    throw new UpstreamError(name, "http", `${name} answered ${res.status}`, res.status, options.errorCode?.(res.body), retryAfterS);
  }

  return {
    get: <S extends z.ZodType>(path: string, schema: S, opts?: CallOptions) => call("GET", path, schema, opts),
    post: <S extends z.ZodType>(path: string, schema: S | null, body: unknown, opts?: CallOptions) => call("POST", path, schema, { ...opts, body }),
    delete: <S extends z.ZodType>(path: string, schema: S | null = null, opts?: CallOptions) => call("DELETE", path, schema, opts),
  };
}

export type UpstreamClient = ReturnType<typeof createUpstreamClient>;

/** The error for an integration whose credential is not set. */
export const notConfigured = (upstream: string, variable: string) => new UpstreamError(upstream, "not_configured", `${variable} is not set`);
