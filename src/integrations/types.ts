import type { DataProvider, ResourceProps } from "@refinedev/core";
import type { ComponentType, ReactElement, ReactNode } from "react";
import type { IntegrationUsage } from "./usage";

export interface OverviewCardProps {
  usage: IntegrationUsage;
  /** Asks every provider again, bypassing the server's cache. */
  onRefresh: () => void;
  refreshing: boolean;
  icon?: ReactNode;
}

/**
 * What an integration gives the browser. Adding one is a folder under src/integrations/ and one
 * line in src/integrations/index.ts.
 *
 * Access: a resource's `meta.permissions` maps Refine actions (list, show, create, delete, or a
 * custom one such as "renew") to the permission each needs; `meta.permission` covers every action
 * not named; `meta.requiresRestaurant` also asks that the account be bound to a restaurant. The
 * menu, the 403 page and `useCan` ask the same function the server uses.
 */
export interface ClientIntegration {
  id: string;
  /** Shown beside its name on the overview card. */
  icon?: ReactNode;
  resources?: ResourceProps[];
  /** `<Route>` elements (a fragment) rendered inside the signed-in layout. */
  routes?: ReactElement;
  /** Named data providers; a resource picks one with `meta.dataProviderName`. */
  dataProviders?: Record<string, DataProvider>;
  /** Renders this integration's entries on /integrations instead of the generic quota card (src/app/overview/quota-card.tsx; wrap yours in its OverviewCardFrame). */
  OverviewCard?: ComponentType<OverviewCardProps>;
  /** Small components for the header (an alerts badge). */
  headerItems?: ComponentType[];
}
