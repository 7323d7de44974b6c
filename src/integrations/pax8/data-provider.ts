import type { AxiosInstance } from "axios";
import { createDataProvider, type ListParams, type ListRead, type ResourceApi } from "../../client/data-provider";
import { providerName } from "../../client/define";
import { API } from "./api";
import { LINE_FILTERS, SUMMARY_FILTERS, toPax8Filters, toPax8Page, toPax8Sort } from "./mapping";

export const PAX8_PROVIDER = providerName("pax8");
export const PAX8_RESOURCES = { subscriptions: "pax8-subscriptions", summaries: "pax8-usage-summaries", lines: "pax8-usage-lines" } as const;
/** What every Pax8 page's hook passes: its resource and provider, and no toast (the pages say failures in place). */
export function pax8Read(name: keyof typeof PAX8_RESOURCES) {
  return { resource: PAX8_RESOURCES[name], dataProviderName: PAX8_PROVIDER, errorNotification: false as const };
}

/** A Pax8 page in the envelope's `data`: rows in `content`, the total in `page.totalElements`. */
const pageRead = (path: string, query: (params: ListParams) => Record<string, unknown>): ListRead => ({
  path,
  query: (params) => ({ ...toPax8Page(params.pagination), ...query(params) }),
  rows: (data: { content: unknown[] }) => data.content,
  total: (data: { page: { totalElements: number } }) => data.page.totalElements,
});

/**
 * Refine ↔ /api/pax8: currentPage (from 1) ↔ Pax8's page (from 0), sorters → `sort=field,direction`,
 * filters → resourceGroup/companyId (summaries) or usageDate/productId (lines); `:subscriptionId`
 * and `:usageSummaryId` come from the read's `meta`.
 */
export const PAX8_API: Record<string, ResourceApi> = {
  [PAX8_RESOURCES.subscriptions]: { list: pageRead(API.subscriptions, () => ({})) },
  [PAX8_RESOURCES.summaries]: {
    list: pageRead(API.summaries, ({ sorters, filters }) => ({ sort: toPax8Sort(sorters), ...toPax8Filters(filters, SUMMARY_FILTERS) })),
    one: API.summary,
  },
  [PAX8_RESOURCES.lines]: { list: pageRead(API.lines, ({ filters }) => toPax8Filters(filters, LINE_FILTERS)) },
};

export const createPax8DataProvider = (client?: AxiosInstance) => createDataProvider(PAX8_API, client);
export const pax8DataProvider = createPax8DataProvider();
