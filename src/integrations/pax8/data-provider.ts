import type { BaseRecord, DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { providerName } from "../../client/define";
import { http } from "../../client/http";
import type { Page } from "./contract";
import { LINE_FILTERS, SUMMARY_FILTERS, toPax8Filters, toPax8Page, toPax8Sort } from "./mapping";

export const PAX8_PROVIDER = providerName("pax8");
export const PAX8_RESOURCES = { subscriptions: "pax8-subscriptions", summaries: "pax8-usage-summaries", lines: "pax8-usage-lines" } as const;

interface PageAnswer {
  content: unknown[];
  page: Page;
}

const refreshParam = (meta: Record<string, unknown> | undefined) => (meta?.refresh ? { refresh: 1 } : {});
const segment = (value: unknown, what: string) => {
  if (typeof value !== "string" || value === "") throw { message: `Choose a ${what} first.`, statusCode: 400 };
  return encodeURIComponent(value);
};
/** When the server fetched the answer from Pax8, and whether it is the last good one served during an outage. */
export function freshness(headers: Record<string, unknown>): { fetchedAt: string | null; stale: boolean } {
  const at = headers["x-fetched-at"];
  return { fetchedAt: typeof at === "string" ? at : null, stale: headers["x-stale"] === "1" };
}

const readOnly = () => Promise.reject({ message: "Pax8 usage is read-only here.", statusCode: 405 });

/**
 * Refine's data provider for /api/pax8: currentPage (from 1) ↔ Pax8's page (from 0), sorters →
 * `sort=field,direction`, filters → resourceGroup/companyId (summaries) or usageDate/productId
 * (lines), total from page.totalElements. Errors are Refine HttpErrors with field errors for a 422
 * (the shared http client makes them).
 */
export function createPax8DataProvider(client: AxiosInstance = http): DataProvider {
  return {
    getApiUrl: () => "/pax8",
    async getList<T extends BaseRecord>({ resource, pagination, sorters, filters, meta }: Parameters<DataProvider["getList"]>[0]) {
      const { page, size } = toPax8Page(pagination);
      let url: string;
      let params: Record<string, unknown> = { page, size, ...refreshParam(meta) };
      if (resource === PAX8_RESOURCES.subscriptions) {
        url = "/pax8/subscriptions";
      } else if (resource === PAX8_RESOURCES.summaries) {
        url = `/pax8/subscriptions/${segment(meta?.subscriptionId, "subscription")}/usage-summaries`;
        params = { ...params, sort: toPax8Sort(sorters), ...toPax8Filters(filters, SUMMARY_FILTERS) };
      } else if (resource === PAX8_RESOURCES.lines) {
        url = `/pax8/usage-summaries/${segment(meta?.usageSummaryId, "usage summary")}/usage-lines`;
        params = { ...params, ...toPax8Filters(filters, LINE_FILTERS) };
      } else {
        throw { message: `Pax8 has no list of ${resource}.`, statusCode: 404 };
      }
      const { data, headers } = await client.get<PageAnswer>(url, { params });
      return { data: data.content as T[], total: data.page.totalElements, meta: { page: data.page, ...freshness(headers) } };
    },
    async getOne<T extends BaseRecord>({ resource, id, meta }: Parameters<DataProvider["getOne"]>[0]) {
      if (resource !== PAX8_RESOURCES.summaries) throw { message: `Pax8 has no single ${resource}.`, statusCode: 404 };
      const { data, headers } = await client.get<T>(`/pax8/usage-summaries/${segment(String(id ?? ""), "usage summary")}`, { params: refreshParam(meta) });
      return { data, meta: freshness(headers) };
    },
    create: readOnly,
    update: readOnly,
    deleteOne: readOnly,
  };
}

export const pax8DataProvider = createPax8DataProvider();
