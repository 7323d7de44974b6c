import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { IntegrationsUsageResponse } from "../../integrations/usage";
import { http } from "../http";

const KEY = ["integrations", "usage"];

export const usageQuery = {
  queryKey: KEY,
  queryFn: async () => (await http.get<IntegrationsUsageResponse>("/integrations/usage")).data,
  staleTime: 60_000,
  retry: false,
} as const;

/** The overview's data; `refresh()` asks the server to bypass its cache (the Refresh button). */
export function useIntegrationsUsage() {
  const client = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const query = useQuery(usageQuery);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      const fresh = (await http.get<IntegrationsUsageResponse>("/integrations/usage", { params: { refresh: 1 } })).data;
      client.setQueryData(KEY, fresh);
    } catch {
      await query.refetch();
    } finally {
      setRefreshing(false);
    }
  }, [client, query]);
  return { ...query, refresh, refreshing };
}
