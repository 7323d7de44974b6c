import type { BaseRecord, CrudFilter, DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { providerName } from "../../client/define";
import { http } from "../../client/http";
import type { CreateKeyResponse, CreditsResponse, KeysResponse, LedgerResponse } from "./api";
import { BASE } from "./constants";

export const API_KEYS_PROVIDER = providerName("api-keys");
export const API_KEYS_RESOURCES = { keys: "api-keys", credits: "api-key-credits", ledger: "api-key-ledger" } as const;

/** The value of an `eq` filter on `field`, if set. */
export function filterValue(filters: CrudFilter[] | undefined, field: string): string | undefined {
  const f = filters?.find((x) => "field" in x && x.field === field && x.value !== undefined && x.value !== null && x.value !== "");
  return f ? String(f.value) : undefined;
}

const unsupported = (what: string) => () => Promise.reject({ message: `API keys cannot ${what} here.`, statusCode: 405 });

/**
 * Refine's data provider for /api/api-keys: keys (filters `from`/`to` are the date range; the
 * answer's freshness comes back as `meta`), create (whose answer alone holds the plaintext),
 * revoke, the credit balances and the ledger (newest first, a page at a time).
 */
export function createApiKeysDataProvider(client: AxiosInstance = http): DataProvider {
  return {
    getApiUrl: () => BASE,
    async getList<T extends BaseRecord>({ resource, filters, pagination, meta }: Parameters<DataProvider["getList"]>[0]) {
      if (resource === API_KEYS_RESOURCES.keys) {
        const params = { from: filterValue(filters, "from"), to: filterValue(filters, "to"), ...(meta?.refresh ? { refresh: 1 } : {}) };
        const { data } = await client.get<KeysResponse>(`${BASE}/keys`, { params });
        const { keys, ...freshness } = data;
        return { data: keys as unknown as T[], total: keys.length, meta: freshness };
      }
      if (resource === API_KEYS_RESOURCES.credits) {
        const { data } = await client.get<CreditsResponse>(`${BASE}/credits`);
        return { data: data.users.map((u) => ({ id: u.user_id, ...u })) as unknown as T[], total: data.users.length };
      }
      if (resource === API_KEYS_RESOURCES.ledger) {
        const pageSize = pagination?.pageSize ?? 20;
        const offset = ((pagination?.currentPage ?? 1) - 1) * pageSize;
        const { data } = await client.get<LedgerResponse>(`${BASE}/credits/ledger`, {
          params: { limit: pageSize, offset, user_id: filterValue(filters, "user_id") },
        });
        return { data: data.entries as unknown as T[], total: data.total };
      }
      throw { message: `No list of ${resource} in API keys.`, statusCode: 404 };
    },
    async create<T extends BaseRecord, V>({ resource, variables }: Parameters<DataProvider["create"]>[0] & { variables: V }) {
      if (resource !== API_KEYS_RESOURCES.keys) throw { message: `${resource} cannot be created.`, statusCode: 405 };
      const { data } = await client.post<CreateKeyResponse>(`${BASE}/keys`, variables);
      return { data: data as unknown as T };
    },
    async deleteOne<T extends BaseRecord>({ resource, id }: Parameters<DataProvider["deleteOne"]>[0]) {
      if (resource !== API_KEYS_RESOURCES.keys) throw { message: `${resource} cannot be deleted.`, statusCode: 405 };
      await client.delete(`${BASE}/keys/${encodeURIComponent(String(id))}`);
      return { data: { id } as unknown as T };
    },
    getOne: unsupported("be read one by one"),
    update: unsupported("be edited"),
  };
}

export const apiKeysDataProvider = createApiKeysDataProvider();
