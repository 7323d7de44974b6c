import { type BaseRecord, useCan, useList } from "@refinedev/core";
import { useMutation } from "@tanstack/react-query";
import type { ReadMeta } from "../../../client/data-provider";
import { http } from "../../../client/http";
import { API } from "../constants";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";

type Range = { from?: string; to?: string };
type Resource = (typeof API_KEYS_RESOURCES)[keyof typeof API_KEYS_RESOURCES];

/** A read through the data provider: its rows, its freshness (`meta`) and the query (for Refresh). */
export function useRead<T>(resource: Resource, range?: Range) {
  const { result, query } = useList<T & BaseRecord>({
    resource,
    dataProviderName: API_KEYS_PROVIDER,
    filters: range ? (["from", "to"] as const).map((field) => ({ field, operator: "eq" as const, value: range[field] })) : [],
    pagination: { mode: "off" },
  });
  return { rows: result?.data as T[] | undefined, meta: query.data?.meta as ReadMeta | undefined, query };
}

/** "Sync now" (and Retry for those who may sync): pulls keys and tasks; the caller then shows the new figures. */
export const useSyncNow = () => useMutation({ mutationFn: async () => (await http.post(API.sync, {})).data });

const useAllowed = (action: string) => useCan({ resource: API_KEYS_RESOURCES.keys, action }).data?.can ?? false;

/** What this user may do with keys; the buttons hide without it (the server refuses anyway). */
export function useKeyPermissions() {
  return { canCreate: useAllowed("create"), canRevoke: useAllowed("delete"), canSync: useAllowed("sync") };
}
