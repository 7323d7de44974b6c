import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { RunningSimulator } from "../../server/integration";
import { listenSimulator, paginate, SimulatorControl, simulatorApp } from "../../server/simulator-kit";
import { DEFAULT_PAGE_SIZE, listSubscriptionsOptions, listUsageLinesOptions, listUsageSummariesOptions, type Pax8ErrorBody, uuidField } from "./contract";
import { buildPax8Data, COMPANIES, linesFor, type Pax8Data, publicSummary } from "./simulator-data";

export const SIMULATOR_PAX8_CLIENT_ID = "sim-pax8-client";
export const SIMULATOR_PAX8_CLIENT_SECRET = "sim-pax8-secret-0123456789";
export const SIMULATOR_PAX8_BUDGET = "USD:15000,EUR:5000";

export class Pax8SimulatorControl extends SimulatorControl {
  tokenRequests = 0;
  /** Lifetime of the tokens it issues, in seconds (Pax8: 86400). */
  tokenLifetimeS = 86_400;
  /** The next n API calls answer 429 with Retry-After: retryAfterS. */
  rateLimitNext = 0;
  readonly tokens = new Map<string, number>();
  /** The Authorization headers it has seen (to check the client's bearer use). */
  lastAuthorization: string | undefined;

  /** Revokes every token it issued, as if they had expired early. */
  revokeTokens(): void {
    this.tokens.clear();
  }

  override reset(): void {
    super.reset();
    this.tokenRequests = 0;
    this.rateLimitNext = 0;
    this.tokens.clear();
  }
}

/** Pax8's error body; `details` carries the reasons of a 422. */
const problem = (status: number, type: string, message: string, instance?: string, details?: string[]): Pax8ErrorBody =>
  Object.assign({ type, message, status }, instance ? { instance } : {}, details ? { details: details.map((m) => ({ message: m })) } : {});

const TOKEN = "/v1/token";
const UNAUTHENTICATED = "Full authentication is required to access this resource";

const AUDIENCES = ["https://api.pax8.com", "api://p8p.client", "api://provisioning", "api://usage"] as const;
const tokenRequest = z.object({ client_id: z.string(), client_secret: z.string(), audience: z.enum(AUDIENCES), grant_type: z.literal("client_credentials") });

/** A 0-based page of `items`; past the end it is empty with the same totals. */
export function pageOf<T>(items: T[], page = 0, size = DEFAULT_PAGE_SIZE) {
  const { items: content, total } = paginate(items, page * size, size);
  return { content, page: { size, totalElements: total, totalPages: Math.ceil(total / size), number: page } };
}

/** Sorts by `field[,asc|desc]` (ascending by default), ties by id so pages never overlap. */
export function sortBy<T extends { id: string }>(items: T[], sort: string | undefined): T[] {
  if (!sort) return items;
  const [field, direction = "asc"] = sort.split(",");
  const sign = direction === "desc" ? -1 : 1;
  const value = (item: T) => (item as Record<string, unknown>)[field] as string | number;
  const order = (x: string | number, y: string | number) => (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y)));
  return [...items].sort((a, b) => sign * order(value(a), value(b)) || a.id.localeCompare(b.id));
}

/**
 * Pax8's partner API as its OpenAPI document and docs/architecture.md describe it: POST /v1/token, then
 * bearer-authenticated /v1/subscriptions, usage summaries and usage lines, 0-based pages, Pax8's
 * error shape. Starts with data as of today.
 */
export async function startPax8Simulator(options: { today?: Date } = {}): Promise<RunningSimulator<Pax8SimulatorControl> & { data: Pax8Data }> {
  const control = new Pax8SimulatorControl();
  const data = buildPax8Data(options.today);
  const app = simulatorApp(control, {
    errorBody: (status, code, message) => problem(status, code, message),
    invalidKey: { status: 401, code: "Unauthorized", message: UNAUTHENTICATED },
    // Every API route asks for a bearer token the token endpoint issued and that has not expired.
    auth: (request) => {
      control.lastAuthorization = request.headers.authorization;
      const expires = control.tokens.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "");
      return expires && expires >= Date.now() ? null : { status: 401, code: "Unauthorized", message: UNAUTHENTICATED };
    },
    open: [TOKEN],
  });
  // Then the switchable 429, with Retry-After.
  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.url === TOKEN || control.rateLimitNext <= 0) return;
    control.rateLimitNext--;
    reply.header("retry-after", String(control.retryAfterS));
    return reply.code(429).send(problem(429, "Too Many Requests", "Rate limit exceeded"));
  });

  /** The input, or a 422 in Pax8's shape sent (undefined); `field` names an invalid path parameter. */
  function check<S extends z.ZodType>(reply: FastifyReply, request: FastifyRequest, schema: S, value: unknown, field?: string): z.output<S> | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const reasons = parsed.error.issues.map((i) => `${field ?? (i.path.join(".") || "request")}: ${i.message}`);
    reply.code(422).send(problem(422, "Unprocessable Entity", "Validation failed", request.url.split("?")[0], reasons));
  }
  const notFound = (reply: FastifyReply, request: FastifyRequest, message: string) =>
    reply.code(404).send(problem(404, "Not Found", message, request.url.split("?")[0]));

  app.post(TOKEN, async (request, reply) => {
    control.tokenRequests++;
    const body = tokenRequest.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: "invalid_request", error_description: "Bad request" });
    if (body.data.client_id !== SIMULATOR_PAX8_CLIENT_ID || body.data.client_secret !== SIMULATOR_PAX8_CLIENT_SECRET) {
      return reply.code(401).send({ error: "access_denied", error_description: "Unauthorized" });
    }
    const token = randomBytes(24).toString("base64url");
    control.tokens.set(token, Date.now() + control.tokenLifetimeS * 1000);
    return { access_token: token, expires_in: control.tokenLifetimeS, token_type: "Bearer" };
  });

  app.get("/v1/subscriptions", async (request, reply) => {
    const q = check(reply, request, listSubscriptionsOptions, request.query);
    if (!q) return reply;
    const { page, size, companyId, productId, status, billingTerm } = q;
    const wanted = { companyId, productId, status, billingTerm };
    const items = data.subscriptions.filter((s) => Object.entries(wanted).every(([k, v]) => !v || s[k as keyof typeof wanted] === v));
    return pageOf(items, page, size);
  });

  app.get<{ Params: { subscriptionId: string } }>("/v1/subscriptions/:subscriptionId/usage-summaries", async (request, reply) => {
    const id = check(reply, request, uuidField, request.params.subscriptionId, "subscriptionId");
    const q = id && check(reply, request, listUsageSummariesOptions, request.query);
    if (!q) return reply;
    const { page, size, sort, resourceGroup, companyId } = q;
    if (!data.subscriptions.some((s) => s.id === id) || (companyId && !COMPANIES.some((c) => c.id === companyId)))
      return notFound(reply, request, "Invalid subscriptionId or companyId");
    const items = data.summaries.filter(
      (s) => s.subscriptionId === id && (!resourceGroup || s.resourceGroup === resourceGroup) && (!companyId || s.companyId === companyId),
    );
    return pageOf(sortBy(items, sort).map(publicSummary), page, size);
  });

  app.get<{ Params: { id: string } }>("/v1/usage-summaries/:id", async (request, reply) => {
    const id = check(reply, request, uuidField, request.params.id, "usageSummaryId");
    if (!id) return reply;
    const summary = data.summaries.find((s) => s.id === id);
    return summary ? publicSummary(summary) : notFound(reply, request, "Usage summary not found");
  });

  app.get<{ Params: { id: string } }>("/v1/usage-summaries/:id/usage-lines", async (request, reply) => {
    const id = check(reply, request, uuidField, request.params.id, "usageSummaryId");
    const q = id && check(reply, request, listUsageLinesOptions, request.query);
    if (!q) return reply;
    const summary = data.summaries.find((s) => s.id === id);
    if (!summary) return notFound(reply, request, "Invalid usage summary id");
    const lines = linesFor(summary, q.usageDate, data).filter((l) => !q.productId || l.productId === q.productId);
    return pageOf(lines, q.page, q.size);
  });

  const running = await listenSimulator(app, control, (url) => ({
    PAX8_TOKEN_URL: `${url}${TOKEN}`,
    PAX8_CLIENT_ID: SIMULATOR_PAX8_CLIENT_ID,
    PAX8_CLIENT_SECRET: SIMULATOR_PAX8_CLIENT_SECRET,
    PAX8_MONTHLY_BUDGET: SIMULATOR_PAX8_BUDGET,
  }));
  return { ...running, url: `${running.url}/v1`, data };
}
