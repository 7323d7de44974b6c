/**
 * The browser entry of the Usage Console package (`usage-console/client`): what a Refine host
 * takes, and what an integration of its own is built from.
 */
import { usageConsole as build, type UsageConsole, type UsageConsoleOptions } from "../client/console";
import { builtInIntegrations } from "../integrations";

export type { Permission, Role } from "../auth/permissions";
export { can, PERMISSIONS } from "../auth/permissions";
export { createAccessControl } from "../client/access-control";
export { createDataProvider, fillPath, filterValue, type ListParams, limitOffset, type ResourceApi } from "../client/data-provider";
export { type ClientIntegration, defineClientIntegration, type OverviewCardProps, type PageResource, providerName } from "../client/define";
export { type ApiError, errorMessage, http, toHttpError } from "../client/http";
export { fetchMe, forgetMe, type Me } from "../client/me";
export { OverviewCardFrame, QuotaCard } from "../client/overview/quota-card";
export { prefetchFirstScreen, queryClient } from "../client/query-client";
export { AsOf, type PageQuery, ReadPage } from "../client/read-page";
export { Forbidden, NotFound } from "../client/status-pages";
export { useRefresh } from "../client/use-refresh";
export type { Envelope, IntegrationUsage, ReadMeta } from "../integrations/usage";
export type { UsageConsole };
export { builtInIntegrations };

/** The console for a Refine host: every built-in integration unless `integrations` says otherwise. */
export function usageConsole(options: Partial<UsageConsoleOptions> = {}): UsageConsole {
  return build({ ...options, integrations: options.integrations ?? builtInIntegrations });
}
