/**
 * The one way the server talks to an upstream: a timeout on every call, bounded retries with
 * backoff for idempotent reads on 429/5xx and network failures (honouring Retry-After), and errors
 * that carry what the server needs to decide, never what the user must not see.
 */
export type UpstreamFailure = "timeout" | "network" | "http" | "invalid_response" | "not_configured";

export class UpstreamError extends Error {
  constructor(
    readonly upstream: string,
    readonly failure: UpstreamFailure,
    message: string,
    readonly status?: number,
    /** The upstream's own error code (IMAI `error`, Pax8 `type`…); never its body. */
    readonly upstreamCode?: string,
    readonly retryAfterS?: number,
    /** The request never reached the upstream (connection refused): a write was certainly not applied. */
    readonly notSent = false,
  ) {
    super(message);
    this.name = "UpstreamError";
  }

  /** An outage (as opposed to an answer such as 404): the last good answer may be served instead. */
  get isOutage(): boolean {
    return (
      this.failure === "timeout" ||
      this.failure === "network" ||
      this.failure === "invalid_response" ||
      (this.failure === "http" && (this.status === 429 || (this.status ?? 0) >= 500))
    );
  }
}

export interface UpstreamRequest {
  upstream: string;
  url: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  /** Retries after the first try; reads default to 2, writes to 0. */
  retries?: number;
  /** Longest Retry-After honoured before giving up, in seconds. */
  maxRetryAfterS?: number;
  /** Waits for the upstream's rate before each try (see `rateLimiter`). */
  beforeTry?: () => Promise<void>;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export const DEFAULT_TIMEOUT_MS = 5000;

/** Sends one request (with retries); answers every status, throws only for timeouts, network and bad JSON. */
export async function upstreamFetch<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
  const method = req.method ?? "GET";
  const retries = req.retries ?? (method === "GET" ? 2 : 0);
  const maxRetryAfterS = req.maxRetryAfterS ?? 10;
  for (let attempt = 0; ; attempt++) {
    await req.beforeTry?.();
    let response: Response;
    try {
      response = await fetch(req.url, {
        method,
        headers: { accept: "application/json", ...(req.body !== undefined ? { "content-type": "application/json" } : {}), ...req.headers },
        body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
        signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError" || (error as Error).name === "AbortError";
      if (attempt < retries) {
        await sleep(backoff(attempt));
        continue;
      }
      if (timedOut) throw new UpstreamError(req.upstream, "timeout", `${req.upstream} did not answer in time`);
      throw new UpstreamError(req.upstream, "network", `${req.upstream} could not be reached`, undefined, undefined, undefined, refused(error));
    }
    const retryAfterS = parseRetryAfter(response.headers.get("retry-after"));
    if (RETRYABLE.has(response.status) && attempt < retries && (retryAfterS ?? 0) <= maxRetryAfterS) {
      await response.body?.cancel();
      await sleep(retryAfterS !== undefined ? retryAfterS * 1000 : backoff(attempt));
      continue;
    }
    const text = await response.text();
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw new UpstreamError(req.upstream, "invalid_response", `${req.upstream} sent an answer that is not JSON`, response.status);
        body = undefined;
      }
    }
    return { status: response.status, headers: response.headers, body: body as T };
  }
}

/** True when the connection was refused or the host unknown: the request never reached the upstream. */
function refused(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

const limiters = new Map<string, () => Promise<void>>();

/**
 * Spaces the calls to one upstream so that they never exceed `perSecond`, however many readers
 * ask at once: each call waits for its slot. One limiter per upstream and base URL in this process.
 */
export function rateLimiter(key: string, perSecond: number): () => Promise<void> {
  let limiter = limiters.get(key);
  if (!limiter) {
    const spacingMs = 1000 / perSecond;
    let next = 0;
    limiter = () => {
      const now = Date.now();
      const at = Math.max(now, next);
      next = at + spacingMs;
      return at > now ? sleep(at - now).then(() => undefined) : Promise.resolve();
    };
    limiters.set(key, limiter);
  }
  return limiter;
}

function backoff(attempt: number): number {
  return 200 * 2 ** attempt + Math.floor(Math.random() * 100);
}
