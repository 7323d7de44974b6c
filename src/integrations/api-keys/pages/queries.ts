import { useCan, useInvalidate } from "@refinedev/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { http } from "../../../client/http";
import type { ApiUsageResponse, SyncStateResponse, VerificationsResponse } from "../api";
import { BASE } from "../constants";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";

/** The figures of the usage card besides the key list (which goes through the data provider). */
export const API_KEYS_QUERY = ["api-keys"] as const;

type Range = { from?: string; to?: string };

export function useApiUsage(range: Range) {
  return useQuery({
    queryKey: [...API_KEYS_QUERY, "api-usage", range],
    queryFn: async () => (await http.get<ApiUsageResponse>(`${BASE}/metrics/api-usage`, { params: range })).data,
  });
}

export function useVerifications(range: Range) {
  return useQuery({
    queryKey: [...API_KEYS_QUERY, "verifications", range],
    queryFn: async () => (await http.get<VerificationsResponse>(`${BASE}/metrics/verifications`, { params: range })).data,
  });
}

export function useSyncState() {
  return useQuery({
    queryKey: [...API_KEYS_QUERY, "sync"],
    queryFn: async () => (await http.get<SyncStateResponse>(`${BASE}/sync`)).data,
  });
}

/** Everything this integration shows, asked again: Refine's lists and the card's own queries. */
export function useRefreshAll() {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: API_KEYS_QUERY }),
      ...Object.values(API_KEYS_RESOURCES).map((resource) => invalidate({ resource, dataProviderName: API_KEYS_PROVIDER, invalidates: ["list"] })),
    ]);
  };
}

/** "Sync now" (and Retry for those who may sync): pulls keys and tasks, then shows the new figures. */
export function useSyncNow() {
  const refreshAll = useRefreshAll();
  return useMutation({
    mutationFn: async () => (await http.post(`${BASE}/sync`, {})).data,
    onSettled: () => refreshAll(),
  });
}

/** What this user may do with keys; the buttons hide without it (the server refuses anyway). */
export function useKeyPermissions() {
  const resource = API_KEYS_RESOURCES.keys;
  const canCreate = useCan({ resource, action: "create" }).data?.can ?? false;
  const canRevoke = useCan({ resource, action: "delete" }).data?.can ?? false;
  const canSync = useCan({ resource, action: "sync" }).data?.can ?? false;
  return { canCreate, canRevoke, canSync };
}
