import type { ListParams } from "../../client/data-provider";
import { createDataProvider, filterValue, limitOffset } from "../../client/data-provider";
import { providerName } from "../../client/define";
import { API } from "./constants";

export const API_KEYS_PROVIDER = providerName("api-keys");
export const API_KEYS_RESOURCES = {
  keys: "api-keys",
  credits: "api-key-credits",
  ledger: "api-key-ledger",
  apiUsage: "api-key-usage",
  verifications: "api-key-verifications",
  sync: "api-key-sync",
} as const;

/** The date range of a read, from the `from`/`to` filters. */
const range = ({ filters }: ListParams) => ({ from: filterValue(filters, "from"), to: filterValue(filters, "to") });
/** A read whose `data` is one set of figures, not a list: it is the list's one row. */
const figures = (path: string) => ({ list: { path, query: range, rows: (data: unknown) => [data] } });

/**
 * Refine's data provider for the API keys BFF: keys (filters `from`/`to` are the date range),
 * create (whose answer alone holds the plaintext), revoke, the metrics and sync state (one row
 * each), the credit balances and the ledger (newest first, a page at a time). Every read's
 * freshness comes back as the result's `meta`.
 */
export const apiKeysResources = {
  [API_KEYS_RESOURCES.keys]: { list: { path: API.keys, query: range }, create: API.keys, remove: API.key },
  [API_KEYS_RESOURCES.apiUsage]: figures(API.apiUsage),
  [API_KEYS_RESOURCES.verifications]: figures(API.verifications),
  [API_KEYS_RESOURCES.sync]: { list: { path: API.sync, rows: (data: unknown) => [data] } },
  [API_KEYS_RESOURCES.credits]: { list: { path: API.credits } },
  [API_KEYS_RESOURCES.ledger]: {
    list: {
      path: API.ledger,
      query: ({ pagination, filters }: ListParams) => ({ ...limitOffset(pagination, 20, 500), user_id: filterValue(filters, "user_id") }),
      rows: (data: { entries: unknown[] }) => data.entries,
      total: (data: { total: number }) => data.total,
    },
  },
};

export const apiKeysDataProvider = createDataProvider(apiKeysResources);
