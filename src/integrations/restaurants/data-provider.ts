import type { BaseRecord, CrudFilter, DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { providerName } from "../../client/define";
import { http } from "../../client/http";
import { type AlertsResponse, BFF, type DetailResponse, type UsageListResponse } from "./api";
import { ALERTS_PAGE, DEFAULT_ALERT_THRESHOLD, USAGE_PAGE } from "./limits";
import { percentToThreshold, toLimitOffset } from "./model";

export const RESTAURANTS_PROVIDER = providerName("restaurants");
export const RESOURCES = { list: "restaurants", alerts: "restaurant-alerts", own: "my-restaurant" } as const;

/** The alerts page's threshold filter holds a percent (90); absent means the upstream's default. */
export function thresholdFrom(filters: CrudFilter[] | undefined): number {
  const f = filters?.find((x) => "field" in x && x.field === "threshold" && x.value !== undefined && x.value !== null && x.value !== "");
  const percent = f ? Number(f.value) : Number.NaN;
  return Number.isFinite(percent) ? percentToThreshold(percent) : DEFAULT_ALERT_THRESHOLD;
}

const refreshParam = (meta: Record<string, unknown> | undefined) => (meta?.refresh ? { refresh: 1 } : {});

const readOnly = (action: string) => () => Promise.reject({ message: `Restaurants cannot ${action} here.`, statusCode: 405 });

/**
 * Refine's data provider for /api/restaurants: Refine's currentPage/pageSize become the upstream's
 * limit/offset, `pagination.total` becomes Refine's total; errors are Refine HttpErrors (the shared
 * http client turns every failure into one, with the server's message in words).
 */
export function createRestaurantsDataProvider(client: AxiosInstance = http): DataProvider {
  return {
    getApiUrl: () => "/restaurants",
    async getList<T extends BaseRecord>({ resource, pagination, filters, meta }: Parameters<DataProvider["getList"]>[0]) {
      if (resource === RESOURCES.alerts) {
        const { limit, offset } = toLimitOffset(pagination, { pageSize: 20 });
        const params = { threshold: thresholdFrom(filters), limit: Math.min(limit, ALERTS_PAGE.max), offset, ...refreshParam(meta) };
        const { data } = await client.get<AlertsResponse>(BFF.alerts, { params });
        return { data: data.data as unknown as T[], total: data.pagination.total, meta: data.meta, threshold: data.threshold };
      }
      if (resource === RESOURCES.list) {
        const { limit, offset } = toLimitOffset(pagination, { pageSize: USAGE_PAGE.default });
        const { data } = await client.get<UsageListResponse>(BFF.list, { params: { limit: Math.min(limit, USAGE_PAGE.max), offset, ...refreshParam(meta) } });
        return { data: data.data as unknown as T[], total: data.pagination.total, meta: data.meta };
      }
      throw { message: `No list of ${resource} in restaurants.`, statusCode: 404 };
    },
    async getOne<T extends BaseRecord>({ resource, id, meta }: Parameters<DataProvider["getOne"]>[0]) {
      const url = resource === RESOURCES.own ? BFF.own : BFF.detail(String(id));
      const { data } = await client.get<DetailResponse>(url, { params: refreshParam(meta) });
      return { data: data as unknown as T };
    },
    create: readOnly("be created"),
    update: readOnly("be edited"),
    deleteOne: readOnly("be deleted"),
  };
}

export const restaurantsDataProvider = createRestaurantsDataProvider();
