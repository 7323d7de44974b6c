import { QueryClient } from "@tanstack/react-query";
import { usageQuery } from "./overview/useIntegrationsUsage";
import { fetchMe } from "./authProvider";

export const queryClient = new QueryClient();

/**
 * Starts the requests the first screen will make while the bundle is still booting, instead of
 * after the auth check and the access check have each taken their turn.
 */
export function prefetchFirstScreen(pathname: string): void {
  void fetchMe().catch(() => undefined);
  if (pathname === "/" || pathname === "/integrations") void queryClient.prefetchQuery(usageQuery);
}
