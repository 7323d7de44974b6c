import { useState } from "react";
import { http } from "./http";

/** Reads sent while a Refresh runs carry `refresh=1`: the server asks the upstream again instead of answering from its cache. */
let refreshing = 0;
http.interceptors.request.use((config) => {
  if (refreshing > 0 && (config.method ?? "get").toLowerCase() === "get") config.params = { ...config.params, refresh: 1 };
  return config;
});

interface Refetchable {
  refetch: () => Promise<unknown>;
}

/**
 * The Refresh button of a page: refetches the page's own queries once each, and those requests
 * bypass the server's cache. One request per query, whose answer is the one shown.
 */
export function useRefresh(...queries: Refetchable[]) {
  const [busy, setBusy] = useState(false);
  async function refresh() {
    refreshing++;
    setBusy(true);
    try {
      await Promise.all(queries.map((q) => q.refetch()));
    } finally {
      refreshing--;
      setBusy(false);
    }
  }
  return { refresh, refreshing: busy };
}
