import type { CrudFilter } from "@refinedev/core";
import { createDataProvider, filterValue, limitOffset, type ResourceApi } from "../../client/data-provider";
import { providerName } from "../../client/define";
import { ALERTS_PAGE, API, DEFAULT_ALERT_THRESHOLD, USAGE_PAGE } from "./api";
import type { UsageAlerts, UsageList } from "./contract";
import { percentToThreshold } from "./model";

export const RESTAURANTS_PROVIDER = providerName("restaurants");
export const RESOURCES = { list: "restaurants", alerts: "restaurant-alerts", own: "my-restaurant" } as const;

/** The alerts page's threshold filter holds a percent (90); absent means the upstream's default. */
export function thresholdFrom(filters: CrudFilter[] | undefined): number {
  const percent = Number(filterValue(filters, "threshold"));
  return Number.isFinite(percent) ? percentToThreshold(percent) : DEFAULT_ALERT_THRESHOLD;
}

const page = { rows: (d: UsageList | UsageAlerts) => d.data, total: (d: UsageList | UsageAlerts) => d.pagination.total };

/**
 * Refine's data provider for /api/restaurants: Refine's currentPage/pageSize become the upstream's
 * limit/offset, `pagination.total` becomes Refine's total.
 */
export const restaurantResources: Record<string, ResourceApi> = {
  [RESOURCES.list]: {
    list: { path: API.list, query: (p) => limitOffset(p.pagination, USAGE_PAGE.default, USAGE_PAGE.max), ...page },
    one: API.detail.replace(":restaurantId", ":id"),
  },
  [RESOURCES.alerts]: {
    list: { path: API.alerts, query: (p) => ({ threshold: thresholdFrom(p.filters), ...limitOffset(p.pagination, 20, ALERTS_PAGE.max) }), ...page },
  },
  [RESOURCES.own]: { one: API.own },
};
export const restaurantsDataProvider = createDataProvider(restaurantResources);
