import type { FastifyReply, FastifyRequest } from "fastify";
import { listenSimulator, paginate, SimulatorControl, simulatorApp } from "../../server/simulator-kit";
import { ALERTS_PAGE, DEFAULT_ALERT_THRESHOLD, RENEW_DEFAULT_AMOUNT, USAGE_PAGE } from "./api";
import { alertOf, detailOf, monthKey, quotaOf, renew, type SimRestaurant, seedRestaurants, usageOf } from "./simulator-data";

export const SIMULATOR_BOT_API_KEY = "sim-restaurants-bot-key";
export const SIMULATOR_DASHBOARD_PAT = "sim-restaurants-dashboard-pat";

/** The simulator's state and switches: failure modes and call counts (SimulatorControl), its restaurants and its clock. */
export class RestaurantsSimulatorControl extends SimulatorControl {
  restaurants = new Map<string, SimRestaurant>();
  /** Active restaurants by name: the order the admin list and the alerts answer in. */
  active: SimRestaurant[] = [];
  now = () => new Date();
  /** Milliseconds a GET waits after its answer is made: an answer on the wire while the data changes. */
  answerDelayMs = 0;
  /**
   * Renewals: how long one waits before it is applied and then before it is answered (ms, per call),
   * and a 500 without applying. A renewal whose caller hung up before it was applied is not applied.
   */
  renewDelays: () => { applyMs: number; answerMs: number } = () => ({ applyMs: 0, answerMs: 0 });
  renewFails = false;
  /** The sum of every amount applied since the start (the upstream's own count, for the crash test). */
  applied = 0;
  /** Called after each answer is sent (a test closes the simulator after a read, to refuse the next call). */
  afterAnswer?: (method: string, url: string) => void;

  constructor(count = 60) {
    super();
    this.seed(count);
  }

  override reset(): void {
    super.reset();
    this.answerDelayMs = 0;
    this.renewDelays = () => ({ applyMs: 0, answerMs: 0 });
    this.renewFails = false;
    this.afterAnswer = undefined;
  }

  /** Replaces every restaurant with `count` freshly generated ones (10,000 for the benchmarks). */
  seed(count = 60, seed = 42): void {
    this.restaurants = new Map(seedRestaurants(count, this.now(), seed).map((r) => [r.id, r]));
    this.active = [...this.restaurants.values()].filter((r) => r.isActive).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** Conversations happening: raises this month's count (for tests of a changing quota). */
  addConversations(id: string, n: number): void {
    const r = this.restaurants.get(id);
    if (!r) throw new Error(`no simulated restaurant ${id}`);
    const key = monthKey(this.now());
    const month = r.months.get(key) ?? { count: 0, last: null };
    r.months.set(key, { count: month.count + n, last: this.now().toISOString() });
  }

  /** Restaurants whose share of their effective limit is at least `threshold` (unlimited never). */
  alerting(threshold: number): SimRestaurant[] {
    const now = this.now();
    return this.active.filter((r) => r.planLimit !== -1 && quotaOf(r, now).share >= threshold);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const errorBody = (message: string) => ({ success: false, error: message });
const UNAUTHORIZED = { status: 401, code: "unauthorized", message: "Unauthorized" };

/** One page, limits clamped to the spec's maxima, with the upstream's `pagination`. */
function page<T>(items: T[], query: unknown, bounds: { default: number; max: number }) {
  const q = query as Record<string, string | undefined>;
  const asked = Number.parseInt(q.limit ?? "", 10);
  const limit = asked > 0 ? Math.min(asked, bounds.max) : bounds.default;
  const offset = Math.max(0, Number.parseInt(q.offset ?? "", 10) || 0);
  const { items: slice, total } = paginate(items, offset, limit);
  return { slice, pagination: { total, limit, offset, hasMore: offset + limit < total } };
}

/**
 * The restaurant bot backend's Usage API as specs/restaurant-usage.api.md describes it: admin calls
 * with `X-API-Key`, the single-restaurant call with a Bearer PAT and `X-Restaurant-Id`, limits
 * clamped to the spec's maxima, 400/401/404 as listed.
 */
export async function startRestaurantsSimulator(options: { restaurants?: number } = {}) {
  const control = new RestaurantsSimulatorControl(options.restaurants ?? 60);
  const isAdmin = (request: FastifyRequest) => request.headers["x-api-key"] === SIMULATOR_BOT_API_KEY;
  const isOwner = (request: FastifyRequest) =>
    request.routeOptions.url === "/api/usage" &&
    request.headers["x-api-key"] === undefined &&
    request.headers.authorization === `Bearer ${SIMULATOR_DASHBOARD_PAT}`;
  const app = simulatorApp(control, {
    errorBody: (_status, _code, message) => errorBody(message),
    invalidKey: UNAUTHORIZED,
    auth: (request) => (isAdmin(request) || isOwner(request) ? null : UNAUTHORIZED),
  });
  app.addHook("onSend", async (request, _reply, payload) => {
    if (request.method === "GET" && control.answerDelayMs > 0) await new Promise((r) => setTimeout(r, control.answerDelayMs));
    return payload;
  });
  app.addHook("onResponse", async (request) => control.afterAnswer?.(request.method, request.url));
  const find = (request: FastifyRequest) => control.restaurants.get((request.params as { restaurantId: string }).restaurantId);
  const notFound = (reply: FastifyReply) => reply.code(404).send(errorBody("Restaurant not found"));

  app.get("/api/usage", async (request, reply) => {
    const now = control.now();
    if (isAdmin(request)) {
      const { slice, pagination } = page(control.active, request.query, USAGE_PAGE);
      return { data: slice.map((r) => usageOf(r, now)), pagination };
    }
    const id = request.headers["x-restaurant-id"];
    if (typeof id !== "string" || id === "") return reply.code(400).send(errorBody("X-Restaurant-Id header is required"));
    const r = control.restaurants.get(id);
    return r ? usageOf(r, now) : notFound(reply);
  });

  app.get("/api/usage/alerts", async (request) => {
    const raw = Number.parseFloat((request.query as Record<string, string | undefined>).threshold ?? "");
    const threshold = Number.isFinite(raw) ? Math.min(1, Math.max(0, raw)) : DEFAULT_ALERT_THRESHOLD;
    const now = control.now();
    const { slice, pagination } = page(control.alerting(threshold), request.query, ALERTS_PAGE);
    return { data: slice.map((r) => alertOf(r, now)), pagination, threshold };
  });

  app.get("/api/usage/:restaurantId", async (request, reply) => {
    const r = find(request);
    return r ? detailOf(r, control.now()) : notFound(reply);
  });

  app.post("/api/admin/usage/:restaurantId/renew", async (request, reply) => {
    const r = find(request);
    if (!r) return notFound(reply);
    const { amount = RENEW_DEFAULT_AMOUNT } = (request.body ?? {}) as { amount?: unknown };
    if (typeof amount !== "number" || !Number.isInteger(amount) || amount <= 0) return reply.code(400).send(errorBody("amount must be a positive integer"));
    if (control.renewFails) return reply.code(500).send(errorBody("Internal server error"));
    const { applyMs, answerMs } = control.renewDelays();
    const closed = () => request.raw.socket.destroyed;
    if (applyMs > 0) await sleep(applyMs);
    if (closed()) return reply.hijack(); // the caller hung up before it was applied
    const data = renew(r, amount, control.now());
    control.applied += amount;
    if (answerMs > 0) await sleep(answerMs);
    return { success: true, data };
  });

  return listenSimulator(app, control, () => ({ BOT_API_KEY: SIMULATOR_BOT_API_KEY, DASHBOARD_PAT: SIMULATOR_DASHBOARD_PAT }));
}
