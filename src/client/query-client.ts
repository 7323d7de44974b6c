import { QueryClient } from "@tanstack/react-query";
import { installed } from "./installed";
import { fetchMe } from "./me";
import { usageQuery } from "./overview/use-integrations-usage";

/** A user's mistake (4xx) is not asked again; a failure (network, 5xx) up to twice. */
export function retryServerErrors(failures: number, error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode ?? 0;
  return (status === 0 || status >= 500) && failures < 2;
}

export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: retryServerErrors } } });

/**
 * Starts the requests the first screen will make while the bundle is still booting, instead of
 * after the auth check and the access check have each taken their turn.
 */
export function prefetchFirstScreen(pathname: string): void {
  void fetchMe().catch(() => undefined);
  if (pathname === "/" || pathname === installed.overviewPath) void queryClient.prefetchQuery(usageQuery);
}
