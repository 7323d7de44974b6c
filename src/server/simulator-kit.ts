import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { RunningSimulator } from "./integration";

export type FailureMode = "ok" | "down" | "slow" | "error500" | "rate_limited" | "invalid_key";

/** The switches every simulator has: a failure mode and a count of the calls it answered. */
export class SimulatorControl {
  mode: FailureMode = "ok";
  /** How long "slow" waits before answering. */
  slowMs = 15_000;
  /** Seconds sent in Retry-After with "rate_limited". */
  retryAfterS = 1;
  calls = 0;
  readonly callsByRoute = new Map<string, number>();

  set(mode: FailureMode): void {
    this.mode = mode;
  }

  reset(): void {
    this.mode = "ok";
    this.calls = 0;
    this.callsByRoute.clear();
  }

  count(route: string): number {
    return this.callsByRoute.get(route) ?? 0;
  }
}

export interface SimulatorFailures {
  /** The upstream's own error body for a status and code. */
  errorBody(status: number, code: string, message: string): unknown;
  /** What "invalid_key" answers: the upstream's refusal of a credential. */
  invalidKey: { status: number; code: string; message: string };
  /**
   * The upstream's credential check, before every route but those in `open`: null lets the
   * request through, a refusal answers in the upstream's error shape.
   */
  auth?: (request: FastifyRequest) => Refusal | null;
  /** Routes (`url` patterns) that need no credential, e.g. a token endpoint. */
  open?: string[];
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * A Fastify instance for a simulator, with the failure switches applied before every route:
 * "down" drops the connection, "slow" waits, "error500"/"rate_limited"/"invalid_key" answer in the
 * upstream's own error shape.
 */
export function simulatorApp(control: SimulatorControl, failures: SimulatorFailures): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    control.calls++;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    control.callsByRoute.set(route, (control.callsByRoute.get(route) ?? 0) + 1);
    switch (control.mode) {
      case "down":
        request.raw.socket.destroy();
        return reply.hijack();
      case "slow":
        await new Promise((r) => setTimeout(r, control.slowMs).unref());
        break;
      case "error500":
        return reply.code(500).send(failures.errorBody(500, "internal_error", "Internal server error"));
      case "rate_limited":
        return reply
          .code(429)
          .header("retry-after", String(control.retryAfterS))
          .send(failures.errorBody(429, "rate_limit_exceeded", "Too many requests"));
      case "invalid_key":
        return reply
          .code(failures.invalidKey.status)
          .send(failures.errorBody(failures.invalidKey.status, failures.invalidKey.code, failures.invalidKey.message));
      default:
        break;
    }
    const refusal = failures.open?.includes(request.routeOptions.url ?? "") ? null : failures.auth?.(request);
    if (refusal) return reply.code(refusal.status).send(failures.errorBody(refusal.status, refusal.code, refusal.message));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(failures.errorBody(404, "not_found", `No such resource: ${request.url.split("?")[0]}`)));
  return app;
}

/** One page of a list and its total, as limit/offset upstreams answer. */
export function paginate<T>(items: T[], offset: number, limit: number): { items: T[]; total: number } {
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/** Listens on a free loopback port. */
export async function listenSimulator<C>(app: FastifyInstance, control: C, env: (url: string) => Record<string, string>): Promise<RunningSimulator<C>> {
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url: address, env: env(address), control, close: () => app.close() };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a simulator's seed data is the same every start. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
