import Fastify from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../server/integration";
import { UpstreamError } from "../../server/upstream/http";
import { createPax8Client, type Pax8ClientOptions } from "./client";
import {
  Pax8ApiError,
  Pax8ForbiddenError,
  Pax8NotFoundError,
  Pax8RateLimitError,
  Pax8ServerError,
  Pax8UnauthorizedError,
  Pax8UnprocessableError,
  Pax8ValidationError,
} from "./errors";
import { type Pax8SimulatorControl, SIMULATOR_PAX8_CLIENT_ID, SIMULATOR_PAX8_CLIENT_SECRET, startPax8Simulator } from "./simulator";
import type { Pax8Data } from "./simulator-data";

let sim: RunningSimulator<Pax8SimulatorControl> & { data: Pax8Data };
let control: Pax8SimulatorControl;
const SUMMARY_ID = () => sim.data.summaries[0].id;
const SUBSCRIPTION_ID = () => sim.data.subscriptions[0].id;

beforeAll(async () => {
  sim = await startPax8Simulator();
  control = sim.control;
});
afterAll(() => sim.close());
beforeEach(() => {
  control.reset();
  control.retryAfterS = 1;
  control.tokenLifetimeS = 86_400;
});

const client = (extra: Partial<Pax8ClientOptions> = {}) =>
  createPax8Client({
    baseUrl: sim.url,
    tokenUrl: sim.env.PAX8_TOKEN_URL,
    clientId: SIMULATOR_PAX8_CLIENT_ID,
    clientSecret: SIMULATOR_PAX8_CLIENT_SECRET,
    timeoutMs: 2000,
    ...extra,
  });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("input is checked before any request", () => {
  const cases: Array<[string, (c: ReturnType<typeof client>) => Promise<unknown>, string, RegExp]> = [
    ["a subscription id that is not a UUID", (c) => c.subscriptions.listUsageSummaries("not-a-uuid"), "subscriptionId", /UUID/],
    ["size above 200", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { size: 201 }), "size", /at most 200/],
    ["size 0", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { size: 0 }), "size", /at least 1/],
    ["a negative page", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { page: -1 }), "page", /at least 0/],
    ["a fractional page", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { page: 1.5 }), "page", /whole number/],
    ["an unknown sort field", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { sort: "vendorName,asc" as never }), "sort", /resourceGroup/],
    [
      "a sort direction other than asc/desc",
      (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { sort: "partnerTotal,down" as never }),
      "sort",
      /asc or ,desc/,
    ],
    ["a companyId that is not a UUID", (c) => c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { companyId: "acme" }), "companyId", /UUID/],
    ["a usage summary id that is not a UUID", (c) => c.usageSummaries.get("12345"), "usageSummaryId", /UUID/],
    ["lines without usageDate", (c) => c.usageSummaries.listLines(SUMMARY_ID(), {} as never), "usageDate", /required/],
    ["lines for 2026-02-30", (c) => c.usageSummaries.listLines(SUMMARY_ID(), { usageDate: "2026-02-30" }), "usageDate", /real date/],
    ["lines for 24/11/2026", (c) => c.usageSummaries.listLines(SUMMARY_ID(), { usageDate: "24/11/2026" }), "usageDate", /yyyy-MM-dd/],
    [
      "lines with a productId that is not a UUID",
      (c) => c.usageSummaries.listLines(SUMMARY_ID(), { usageDate: "2026-11-01", productId: "x" }),
      "productId",
      /UUID/,
    ],
  ];
  it.each(cases)("refuses %s, naming the field", async (_name, call, field, message) => {
    const error = await rejection(call(client()));
    expect(error).toBeInstanceOf(Pax8ValidationError);
    expect((error as Pax8ValidationError).field).toBe(field);
    expect(error.message).toMatch(message);
    expect(control.calls).toBe(0);
  });

  it("accepts a sort with and without a direction", async () => {
    const c = client();
    const asc = await c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { sort: "currentCharges", size: 200 });
    const desc = await c.subscriptions.listUsageSummaries(SUBSCRIPTION_ID(), { sort: "currentCharges,desc", size: 200 });
    expect(asc.content.map((s) => s.id)).toEqual(desc.content.map((s) => s.id).reverse());
  });
});

describe("OAuth2 client credentials", () => {
  it("makes one token request for 20 concurrent calls, then reuses the token", async () => {
    const c = client();
    const answers = await Promise.all(Array.from({ length: 20 }, () => c.usageSummaries.get(SUMMARY_ID())));
    expect(answers.every((a) => a.id === SUMMARY_ID())).toBe(true);
    await c.subscriptions.list();
    expect(control.tokenRequests).toBe(1);
    expect(control.lastAuthorization).toMatch(/^Bearer \S+$/);
  });

  it("renews the token shortly before it expires", async () => {
    let now = Date.now();
    control.tokenLifetimeS = 600;
    const c = client({ now: () => now });
    await c.subscriptions.list();
    now += 500_000; // 100 s before expiry: still reused
    await c.subscriptions.list();
    expect(control.tokenRequests).toBe(1);
    now += 60_000; // 40 s before expiry: inside the renewal margin
    await c.subscriptions.list();
    expect(control.tokenRequests).toBe(2);
  });

  it("on a 401 from the API, gets one new token and retries once", async () => {
    const c = client();
    await c.subscriptions.list();
    control.revokeTokens();
    control.callsByRoute.clear();
    const page = await c.usageSummaries.get(SUMMARY_ID());
    expect(page.id).toBe(SUMMARY_ID());
    expect(control.tokenRequests).toBe(2);
    expect(control.count("GET /v1/usage-summaries/:id")).toBe(2);
  });

  it("gives up with a typed 401 when the new token is refused too", async () => {
    const c = client();
    control.set("invalid_key");
    const error = await rejection(c.subscriptions.list());
    expect(error).toBeInstanceOf(Pax8UnauthorizedError);
    expect((error as Pax8ApiError).status).toBe(401);
  });

  it("says the credentials were refused when the token endpoint answers 401", async () => {
    const error = await rejection(client({ clientSecret: "wrong" }).subscriptions.list());
    expect(error).toBeInstanceOf(Pax8UnauthorizedError);
    expect(error.message).toBe("Pax8 refused the client credentials");
    expect(JSON.stringify(error)).not.toContain("wrong");
  });
});

describe("429 and failures", () => {
  it("honours Retry-After and succeeds after two 429s", async () => {
    control.rateLimitNext = 2;
    const started = Date.now();
    const answer = await client().usageSummaries.get(SUMMARY_ID());
    expect(answer.id).toBe(SUMMARY_ID());
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(control.count("GET /v1/usage-summaries/:id")).toBe(3);
  });

  it("stops after a bounded number of retries with a typed 429 carrying Retry-After", async () => {
    control.rateLimitNext = 10;
    control.retryAfterS = 0;
    const error = await rejection(client({ maxRetries: 2 }).usageSummaries.get(SUMMARY_ID()));
    expect(error).toBeInstanceOf(Pax8RateLimitError);
    expect((error as Pax8ApiError).retryAfterS).toBe(0);
    expect(control.count("GET /v1/usage-summaries/:id")).toBe(3);
  });

  it("does not wait for a Retry-After longer than allowed", async () => {
    control.rateLimitNext = 1;
    control.retryAfterS = 120;
    const started = Date.now();
    const error = await rejection(client({ maxRetryAfterS: 10 }).usageSummaries.get(SUMMARY_ID()));
    expect(error).toBeInstanceOf(Pax8RateLimitError);
    expect((error as Pax8ApiError).retryAfterS).toBe(120);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("times out a call that does not answer", async () => {
    control.slowMs = 3000;
    const c = client({ timeoutMs: 200, maxRetries: 0 });
    await c.subscriptions.list();
    control.set("slow");
    const error = await rejection(c.subscriptions.list({ size: 5 }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).failure).toBe("timeout");
  });

  it("answers 404 for an unknown usage summary with Pax8's error", async () => {
    const error = await rejection(client().usageSummaries.get("00000000-0000-4000-8000-000000000000"));
    expect(error).toBeInstanceOf(Pax8NotFoundError);
    expect((error as Pax8ApiError).body).toMatchObject({ status: 404, message: "Usage summary not found" });
    expect(Object.keys(error)).not.toContain("body");
  });
});

describe("Pax8 error statuses become typed errors", () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  async function startStub() {
    const app = Fastify();
    app.post("/token", async () => ({ access_token: "t", expires_in: 86400, token_type: "Bearer" }));
    app.get<{ Params: { status: string } }>("/usage-summaries/:status", async (request, reply) => {
      const status = Number(request.params.status.slice(-3));
      return reply.code(status).send({ type: "Error", message: "m", instance: request.url, status, details: [{ message: "the reason" }] });
    });
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    return { url, close: () => app.close() };
  }
  beforeAll(async () => {
    stub = await startStub();
  });
  afterAll(() => stub.close());

  it.each([
    [403, Pax8ForbiddenError],
    [404, Pax8NotFoundError],
    [422, Pax8UnprocessableError],
    [500, Pax8ServerError],
    [503, Pax8ServerError],
    [409, Pax8ApiError],
  ])("%i", async (status, Type) => {
    const c = createPax8Client({ baseUrl: stub.url, tokenUrl: `${stub.url}/token`, clientId: "a", clientSecret: "b", maxRetries: 0 });
    const error = await rejection(c.usageSummaries.get(`00000000-0000-4000-8000-000000000${status}`));
    expect(error).toBeInstanceOf(Type);
    expect((error as Pax8ApiError).status).toBe(status);
    expect((error as Pax8ApiError).detailMessages).toEqual(["the reason"]);
  });
});
