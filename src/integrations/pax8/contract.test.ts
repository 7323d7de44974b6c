import { readFileSync } from "node:fs";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPax8Client } from "./client";
import { subscriptionSchema, usageLineSchema, usageSummarySchema } from "./contract";
import { Pax8ForbiddenError, Pax8NotFoundError, Pax8UnprocessableError } from "./errors";

/*
 * The client against Pax8's own OpenAPI document: Prism serves the document (its examples, or data
 * generated from its schemas) and validates each request against it, so this shows both that the
 * client asks what the document allows and that it parses what the document says Pax8 returns.
 */

const SPECS = new URL("./openapi", import.meta.url).pathname;
const PARTNER = `${SPECS}/partner-endpoints.json`;
const AUTH = `${SPECS}/authentication.json`;
const doc = JSON.parse(readFileSync(PARTNER, "utf8"));
const example = (name: string) => doc.components.examples[name].value;

async function startPrism(document: string, dynamic = false) {
  const operations = await getHttpOperationsFromSpec(document);
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger("pax8-contract", { enabled: false }) },
    config: {
      mock: { dynamic, seed: "pax8" },
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
    },
  });
  const url = await server.listen(0, "127.0.0.1");
  return { url, close: () => server.close() };
}

const SUBSCRIPTION = "8d04ad8c-456a-4b1d-9abe-a42ae526f683";
const SUMMARY = "f5e4cefe-09ff-46a0-b3b0-4f392cfae44c";

describe("the client against Prism serving Pax8's document", () => {
  let auth: Awaited<ReturnType<typeof startPrism>>;
  let partner: Awaited<ReturnType<typeof startPrism>>;
  let generated: Awaited<ReturnType<typeof startPrism>>;
  const client = (baseUrl: string, headers?: Record<string, string>) =>
    createPax8Client({ baseUrl, tokenUrl: `${auth.url}/token`, clientId: "<client-id>", clientSecret: "<client-secret>", headers, maxRetries: 0 });

  beforeAll(async () => {
    [auth, partner, generated] = await Promise.all([startPrism(AUTH), startPrism(PARTNER), startPrism(PARTNER, true)]);
  });
  afterAll(() => Promise.all([auth?.close(), partner?.close(), generated?.close()]));

  it("gets a token as authentication.json describes, then lists subscriptions: the document's example, parsed", async () => {
    const page = await client(partner.url).subscriptions.list({ page: 0, size: 10 });
    expect(page).toEqual(example("subscriptions-paged"));
    expect(page.page).toEqual({ size: 10, totalElements: 109, totalPages: 11, number: 0 });
  });

  it("lists a subscription's usage summaries: the document's example, parsed with every field", async () => {
    const page = await client(partner.url).subscriptions.listUsageSummaries(SUBSCRIPTION, {
      page: 0,
      size: 10,
      sort: "currentCharges",
      resourceGroup: "Company 1",
      companyId: "ede334e7-d1c7-4e0a-822d-dee891f6ce9a",
    });
    expect(page).toEqual(example("usage-summaries-paged"));
    expect(page.content[3]).toMatchObject({ resourceGroup: "Company A", isTrial: true, currentCharges: 142.58, currencyCode: "USD" });
  });

  it("reads one usage summary (the document has no example: Prism builds it from the schema)", async () => {
    const summary = await client(partner.url).usageSummaries.get(SUMMARY);
    expect(Object.keys(summary).sort()).toEqual(Object.keys(doc.components.schemas.UsageSummary.properties).sort());
  });

  it("lists usage lines for a date: the document's example, including its one malformed productId", async () => {
    const page = await client(partner.url).usageSummaries.listLines(SUMMARY, { usageDate: "2020-01-14", page: 0, size: 10 });
    expect(page).toEqual(example("usage-lines-paged"));
    expect(page.content[1].productId).toBe("e73f3a55-f1da-4efd-88eb-bf3je60ad5lq");
  });

  it("parses the items Prism generates from the schemas alone (the document leaves page fields untyped, so only items are checked)", async () => {
    const get = async (path: string) => (await fetch(`${generated.url}${path}`, { headers: { authorization: "Bearer generated" } })).json();
    const subscriptions = await get("/subscriptions");
    const summaries = await get(`/subscriptions/${SUBSCRIPTION}/usage-summaries?sort=partnerTotal`);
    const lines = await get(`/usage-summaries/${SUMMARY}/usage-lines?usageDate=2020-01-14`);
    expect(subscriptions.content.length).toBeGreaterThan(0);
    for (const item of subscriptions.content) expect(subscriptionSchema.safeParse(item).success).toBe(true);
    for (const item of summaries.content) expect(usageSummarySchema.safeParse(item).success).toBe(true);
    for (const item of lines.content) expect(usageLineSchema.safeParse(item).success).toBe(true);
    expect(typeof (await client(generated.url).usageSummaries.get(SUMMARY)).currentCharges).toBe("number");
  });

  it("maps the document's error answers (its Error schema) to typed errors", async () => {
    const notFound = await client(partner.url, { prefer: "code=404" })
      .subscriptions.listUsageSummaries(SUBSCRIPTION)
      .catch((e) => e);
    expect(notFound).toBeInstanceOf(Pax8NotFoundError);
    expect(notFound.body).toMatchObject({ type: expect.any(String), message: expect.any(String), details: expect.any(Array) });
    const forbidden = await client(partner.url, { prefer: "code=403" })
      .subscriptions.list({ companyId: "f7fc273a-8d86-45c9-a26f-ffd42416adda" })
      .catch((e) => e);
    expect(forbidden).toBeInstanceOf(Pax8ForbiddenError);
  });

  it("the document's sort enum lists bare field names only: `field,desc` (its description's form) is refused by the document", async () => {
    // See README: the console follows the description and docs/architecture.md (`currentCharges,desc`); a bare field is what the enum allows.
    const error = await client(partner.url)
      .subscriptions.listUsageSummaries(SUBSCRIPTION, { sort: "currentCharges,desc" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Pax8UnprocessableError);
  });
});
