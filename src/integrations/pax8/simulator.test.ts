import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../../server/integration";
import { type Pax8SimulatorControl, SIMULATOR_PAX8_CLIENT_ID, SIMULATOR_PAX8_CLIENT_SECRET, startPax8Simulator } from "./simulator";
import type { Pax8Data } from "./simulator-data";

/* The simulator's answers, validated against the schemas of Pax8's official OpenAPI documents. */

const SPECS = new URL("./openapi", import.meta.url).pathname;
const partner = JSON.parse(readFileSync(`${SPECS}/partner-endpoints.json`, "utf8"));
const auth = JSON.parse(readFileSync(`${SPECS}/authentication.json`, "utf8"));

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("yyyy-MM-dd", /^\d{4}-\d{2}-\d{2}$/);
ajv.addSchema({ ...partner, $id: "partner" });
ajv.addSchema({ ...auth, $id: "auth" });

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");
const responseSchema = (path: string, status: string) => `partner#/paths/${pointer(path, "get", "responses", status, "content", "application/json", "schema")}`;

function expectValid(ref: string, body: unknown) {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  const ok = validate(body);
  expect(ok ? [] : validate.errors).toEqual([]);
}

/** Properties the simulator sends that the document neither declares nor shows in an example. */
function undeclared(items: object[], schema: string, exampleName: string): string[] {
  const declared = new Set([
    ...Object.keys(partner.components.schemas[schema].properties),
    ...Object.keys(partner.components.examples[exampleName].value.content[0]),
  ]);
  return [...new Set(items.flatMap((i) => Object.keys(i)))].filter((k) => !declared.has(k));
}

describe("the simulator answers as Pax8's document says", () => {
  let sim: RunningSimulator<Pax8SimulatorControl> & { data: Pax8Data };
  let token: string;
  const api = async (path: string) => {
    const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    sim = await startPax8Simulator();
    const res = await fetch(sim.env.PAX8_TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: SIMULATOR_PAX8_CLIENT_ID,
        client_secret: SIMULATOR_PAX8_CLIENT_SECRET,
        audience: "https://api.pax8.com",
        grant_type: "client_credentials",
      }),
    });
    const body = await res.json();
    expectValid("auth#/components/schemas/TokenResponse", body);
    expect(body).toMatchObject({ expires_in: 86400, token_type: "Bearer" });
    token = body.access_token;
  });
  afterAll(() => sim.close());

  it("refuses a wrong client secret as the token endpoint does", async () => {
    const res = await fetch(sim.env.PAX8_TOKEN_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: SIMULATOR_PAX8_CLIENT_ID, client_secret: "x", audience: "https://api.pax8.com", grant_type: "client_credentials" }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(auth.components.examples["token-error-auth-example"].value);
  });

  it("requires the bearer token", async () => {
    const res = await fetch(`${sim.url}/subscriptions`);
    expect(res.status).toBe(401);
    expectValid("partner#/components/schemas/Error", await res.json());
  });

  it("lists subscriptions: several vendors and currencies, trial and not", async () => {
    const { status, body } = await api("/subscriptions?size=200");
    expect(status).toBe(200);
    expectValid(responseSchema("/subscriptions", "200"), body);
    expect(ajv.getSchema(responseSchema("/subscriptions", "200"))!({ content: [{ id: "not-a-uuid", quantity: "5" }] })).toBe(false);
    expect(undeclared(body.content, "Subscription", "subscriptions-paged")).toEqual([]);
    expect(new Set(body.content.map((s: { currencyCode: string }) => s.currencyCode)).size).toBeGreaterThanOrEqual(4);
    expect(body.content.some((s: { status: string }) => s.status === "Trial")).toBe(true);
  });

  it("pages usage summaries from 0 with correct metadata, and an empty page past the end", async () => {
    const sub = sim.data.subscriptions[0].id;
    const first = await api(`/subscriptions/${sub}/usage-summaries?page=0&size=5`);
    expectValid(responseSchema("/subscriptions/{subscriptionId}/usage-summaries", "200"), first.body);
    expect(undeclared(first.body.content, "UsageSummary", "usage-summaries-paged")).toEqual([]);
    const total = first.body.page.totalElements;
    expect(first.body.page).toEqual({ size: 5, totalElements: total, totalPages: Math.ceil(total / 5), number: 0 });
    const last = await api(`/subscriptions/${sub}/usage-summaries?page=${Math.ceil(total / 5) - 1}&size=5`);
    expect(last.body.content).toHaveLength(total % 5 || 5);
    const past = await api(`/subscriptions/${sub}/usage-summaries?page=99&size=5`);
    expect(past.body).toEqual({ content: [], page: { size: 5, totalElements: total, totalPages: Math.ceil(total / 5), number: 99 } });
  });

  it("filters by resourceGroup and companyId and sorts by the three fields", async () => {
    const sub = sim.data.subscriptions[0].id;
    const all = (await api(`/subscriptions/${sub}/usage-summaries?size=200`)).body.content as Array<Record<string, never>>;
    const group = all[3].resourceGroup;
    const byGroup = await api(`/subscriptions/${sub}/usage-summaries?resourceGroup=${encodeURIComponent(group)}`);
    expect(byGroup.body.content.map((s: { resourceGroup: string }) => s.resourceGroup)).toEqual([group]);
    const company = all.find((s) => s.companyId !== all[0].companyId)!.companyId;
    const byCompany = await api(`/subscriptions/${sub}/usage-summaries?companyId=${company}&size=200`);
    expect(byCompany.body.content.length).toBe(all.filter((s) => s.companyId === company).length);
    for (const field of ["resourceGroup", "currentCharges", "partnerTotal"]) {
      const desc = (await api(`/subscriptions/${sub}/usage-summaries?sort=${field},desc&size=200`)).body.content.map((s: Record<string, never>) => s[field]);
      expect(desc).toEqual([...desc].sort((a, b) => (typeof a === "number" ? b - a : String(b).localeCompare(String(a)))));
    }
  });

  it("reads a usage summary, and its lines for a date, filtered by product", async () => {
    const summary = sim.data.summaries[0];
    const one = await api(`/usage-summaries/${summary.id}`);
    expectValid(responseSchema("/usage-summaries/{usageSummaryId}", "200"), one.body);
    const lines = await api(`/usage-summaries/${summary.id}/usage-lines?usageDate=${sim.data.lastUsageDay}&size=200`);
    expectValid(responseSchema("/usage-summaries/{usageSummaryId}/usage-lines", "200"), lines.body);
    expect(undeclared(lines.body.content, "UsageLine", "usage-lines-paged")).toEqual([]);
    const product = lines.body.content[0].productId;
    const filtered = await api(`/usage-summaries/${summary.id}/usage-lines?usageDate=${sim.data.lastUsageDay}&productId=${product}`);
    expect(filtered.body.content.map((l: { productId: string }) => l.productId)).toEqual([product]);
    const none = await api(`/usage-summaries/${summary.id}/usage-lines?usageDate=2001-01-01`);
    expect(none.body).toEqual({ content: [], page: { size: 10, totalElements: 0, totalPages: 0, number: 0 } });
  });

  it("answers 404 and 422 in Pax8's error shape", async () => {
    const missing = await api("/usage-summaries/00000000-0000-4000-8000-000000000000/usage-lines?usageDate=2026-01-01");
    expect(missing.status).toBe(404);
    expectValid(responseSchema("/usage-summaries/{usageSummaryId}/usage-lines", "404"), missing.body);
    const noDate = await api(`/usage-summaries/${sim.data.summaries[0].id}/usage-lines`);
    expect(noDate.status).toBe(422);
    expectValid("partner#/components/schemas/Error", noDate.body);
    expect(noDate.body.details[0].message).toMatch(/usageDate/);
    const tooBig = await api(`/subscriptions/${sim.data.subscriptions[0].id}/usage-summaries?size=201`);
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.details[0].message).toMatch(/size: must be at most 200/);
  });

  it("switches to 429 with Retry-After, and to failures", async () => {
    sim.control.rateLimitNext = 1;
    const res = await fetch(`${sim.url}/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expectValid("partner#/components/schemas/Error", await res.json());
    sim.control.set("error500");
    const failed = await api("/subscriptions");
    sim.control.set("ok");
    expect(failed.status).toBe(500);
    expectValid("partner#/components/schemas/Error", failed.body);
  });
});
