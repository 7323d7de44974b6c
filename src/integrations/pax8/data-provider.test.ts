import axios from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../tests/helpers/app";
import { filterValue } from "../../client/data-provider";
import { type ApiError, toHttpError } from "../../client/http";
import type { UsageLine, UsageSummary } from "./contract";
import { createPax8DataProvider, PAX8_RESOURCES } from "./data-provider";
import { fieldErrorsOf, shortId, toPax8Filters, toPax8Page, toPax8Sort } from "./mapping";
import type { Pax8Data } from "./simulator-data";

describe("Refine ↔ Pax8 mapping", () => {
  it("turns Refine's 1-based currentPage into Pax8's 0-based page, size capped at 200", () => {
    expect(toPax8Page({ currentPage: 1, pageSize: 10 })).toEqual({ page: 0, size: 10 });
    expect(toPax8Page({ currentPage: 3, pageSize: 50 })).toEqual({ page: 2, size: 50 });
    expect(toPax8Page({ currentPage: 1, pageSize: 500 })).toEqual({ page: 0, size: 200 });
    expect(toPax8Page(undefined)).toEqual({ page: 0, size: 10 });
  });

  it("sends the first sorter Pax8 can sort by as field,direction", () => {
    expect(toPax8Sort([{ field: "currentCharges", order: "desc" }])).toBe("currentCharges,desc");
    expect(
      toPax8Sort([
        { field: "vendorName", order: "asc" },
        { field: "partnerTotal", order: "asc" },
      ]),
    ).toBe("partnerTotal,asc");
    expect(toPax8Sort([])).toBeUndefined();
  });

  it("keeps only the filters the route takes, trimmed, without empty ones", () => {
    const filters = [
      { field: "resourceGroup", operator: "eq" as const, value: " rg-prod " },
      { field: "companyId", operator: "eq" as const, value: "" },
      { field: "other", operator: "eq" as const, value: "x" },
    ];
    expect(toPax8Filters(filters, ["resourceGroup", "companyId"])).toEqual({ resourceGroup: "rg-prod" });
    expect(filterValue(filters, "resourceGroup")).toBe(" rg-prod ");
    expect(filterValue(filters, "companyId")).toBeUndefined();
    expect(shortId("6feb4e72-89e1-4f98-8149-9b8e82412e1d")).toBe("6feb4e72…");
  });

  it("reads a 422's reasons per field and retries only failures, not a user's mistake", () => {
    expect(fieldErrorsOf({ statusCode: 422, errors: { companyId: "must be a UUID" } })).toEqual({ companyId: "must be a UUID" });
    expect(fieldErrorsOf({ statusCode: 502, message: "x" })).toEqual({});
  });
});

// The data provider against the real server and simulator, through an axios client like the browser's.
describe("Pax8 data provider", () => {
  let t: TestApp;
  let data: Pax8Data;
  let provider: ReturnType<typeof createPax8DataProvider>;
  const subscriptionId = () => data.subscriptions[0].id;

  beforeAll(async () => {
    t = await startTestApp({ env: { UPSTREAM_TIMEOUT_MS: "500" } });
    data = (t.contexts.get("pax8")!.simulator as unknown as { data: Pax8Data }).data;
    const base = await t.app.listen({ host: "127.0.0.1", port: 0 });
    const client = axios.create({ baseURL: `${base}/api`, headers: { cookie: await t.login("viewer") } });
    client.interceptors.response.use(undefined, (e) => Promise.reject(toHttpError(e)));
    provider = createPax8DataProvider(client);
  });
  afterAll(() => t.close());

  it("reads page 2 of 5, sorted, with the total from page.totalElements", async () => {
    const all = data.summaries.filter((s) => s.subscriptionId === subscriptionId()).sort((a, b) => b.currentCharges! - a.currentCharges!);
    const page = await provider.getList<UsageSummary>({
      resource: PAX8_RESOURCES.summaries,
      pagination: { currentPage: 2, pageSize: 5 },
      sorters: [{ field: "currentCharges", order: "desc" }],
      meta: { subscriptionId: subscriptionId() },
    });
    expect(page.total).toBe(all.length);
    expect(page.data.map((s) => s.id)).toEqual(all.slice(5, 10).map((s) => s.id));
    expect(page.meta).toMatchObject({ stale: false, demo: true });
    expect(Date.parse(page.meta!.fetchedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("filters summaries by resourceGroup and lines by date and product", async () => {
    const summary = data.summaries[0];
    const byGroup = await provider.getList<UsageSummary>({
      resource: PAX8_RESOURCES.summaries,
      filters: [{ field: "resourceGroup", operator: "eq", value: summary.resourceGroup }],
      meta: { subscriptionId: summary.subscriptionId },
    });
    expect(byGroup.data.map((s) => s.id)).toEqual([summary.id]);
    const lines = await provider.getList<UsageLine>({
      resource: PAX8_RESOURCES.lines,
      pagination: { currentPage: 1, pageSize: 200 },
      filters: [{ field: "usageDate", operator: "eq", value: data.lastUsageDay }],
      meta: { usageSummaryId: summary.id },
    });
    const productId = lines.data[0].productId!;
    const one = await provider.getList<UsageLine>({
      resource: PAX8_RESOURCES.lines,
      filters: [
        { field: "usageDate", operator: "eq", value: data.lastUsageDay },
        { field: "productId", operator: "eq", value: productId },
      ],
      meta: { usageSummaryId: summary.id },
    });
    expect(one.total).toBe(1);
    expect(one.data[0].productId).toBe(productId);
  });

  it("reads one summary, and a 404 as an HttpError", async () => {
    const one = await provider.getOne<UsageSummary>({ resource: PAX8_RESOURCES.summaries, id: data.summaries[1].id });
    expect(one.data.resourceGroup).toBe(data.summaries[1].resourceGroup);
    const error = (await provider.getOne({ resource: PAX8_RESOURCES.summaries, id: "00000000-0000-4000-8000-000000000000" }).catch((e) => e)) as ApiError;
    expect(error).toMatchObject({ statusCode: 404, code: "not_found" });
  });

  it("gives a 422 as an HttpError with the reason under the field's name", async () => {
    const error = (await provider
      .getList({
        resource: PAX8_RESOURCES.summaries,
        filters: [{ field: "companyId", operator: "eq", value: "acme" }],
        meta: { subscriptionId: subscriptionId() },
      })
      .catch((e) => e)) as ApiError;
    expect(error.statusCode).toBe(422);
    expect(error.errors).toEqual({ companyId: "must be a UUID" });
    const noDate = (await provider.getList({ resource: PAX8_RESOURCES.lines, meta: { usageSummaryId: data.summaries[0].id } }).catch((e) => e)) as ApiError;
    expect(noDate.errors).toEqual({ usageDate: "is required (yyyy-MM-dd)" });
  });
});
