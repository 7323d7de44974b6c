import { CanAccess, type DataProvider, type ResourceProps } from "@refinedev/core";
import { Spin } from "antd";
import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { Route } from "react-router";
import type { IntegrationUsage } from "../integrations/usage";
import { Forbidden } from "./status-pages";

export interface OverviewCardProps {
  usage: IntegrationUsage;
  /** Asks every provider again, bypassing the server's cache. */
  onRefresh: () => void;
  refreshing: boolean;
  icon?: ReactNode;
}

/** A page module: its default export is the page. Loaded on first visit. */
export type PageLoader = () => Promise<{ default: ComponentType }>;

/**
 * One resource of an integration: its menu entry, its pages and who may see them. Each path is
 * written here once; the core makes the Refine resource, the routes, lazy loading and Suspense.
 */
export interface PageResource {
  /** Refine's resource name, unique across integrations. */
  name: string;
  label: string;
  icon?: ReactNode;
  /** `[path, page]` of the list and show pages; a resource without pages is data only. */
  list?: [path: string, page: PageLoader];
  show?: [path: string, page: PageLoader];
  /** Reached from another page, not from the menu. */
  hide?: boolean;
  /** The permission every action needs (`integration:Read` by default). */
  permission?: string;
  /** Permissions of named actions (create, delete, renew…) beyond `permission`. */
  permissions?: Record<string, string>;
  /** Also asks that the account be bound to a restaurant. */
  requiresRestaurant?: boolean;
}

/** What an integration gives the browser: a folder's `index.tsx` default-exports one. */
export interface ClientIntegration {
  id: string;
  /** Where it sits in menus and on the overview (lower first). */
  order?: number;
  /** Shown beside its name on the overview card. */
  icon?: ReactNode;
  resources?: PageResource[];
  /** Its data provider; its resources use it (registered as `usage-console/<id>`). */
  dataProvider?: DataProvider;
  /** Renders this integration's entries on the overview instead of the generic quota card. */
  OverviewCard?: ComponentType<OverviewCardProps>;
  /** Small components for the header (an alerts badge). */
  headerItems?: ComponentType[];
}

/** Keeps an integration's type; nothing more. */
export const defineClientIntegration = (integration: ClientIntegration): ClientIntegration => integration;

/** The name under which an integration's data provider is registered: apart from the host's own. */
export const providerName = (id: string) => `usage-console/${id}`;

/** What shows while a page's code loads. */
const pageFallback = <Spin style={{ display: "block", margin: 48 }} />;

/** Refine resources of an integration, under `parent` in the menu. */
export function resourcesOf(integration: ClientIntegration, parent?: string, defaultPermission?: string): ResourceProps[] {
  return (integration.resources ?? []).map((r) => ({
    name: r.name,
    ...(r.list ? { list: r.list[0] } : {}),
    ...(r.show ? { show: r.show[0] } : {}),
    meta: {
      label: r.label,
      icon: r.icon,
      ...(parent ? { parent } : {}),
      ...(r.hide ? { hide: true } : {}),
      ...(integration.dataProvider ? { dataProviderName: providerName(integration.id) } : {}),
      permission: r.permission ?? defaultPermission,
      ...(r.permissions ? { permissions: r.permissions } : {}),
      ...(r.requiresRestaurant ? { requiresRestaurant: true } : {}),
    },
  }));
}

const lazyPages = new Map<PageLoader, ComponentType>();
/** A page of the console: loaded on first visit, behind the same permission check as its menu item. */
export function pageOf(load: PageLoader): ReactNode {
  let Page = lazyPages.get(load);
  if (!Page) lazyPages.set(load, (Page = lazy(load)));
  return (
    <CanAccess fallback={<Forbidden />}>
      <Suspense fallback={pageFallback}>
        <Page />
      </Suspense>
    </CanAccess>
  );
}

/** `<Route>`s of an integration's pages, each loaded on first visit. */
export function routesOf(integration: ClientIntegration): ReactNode[] {
  return (integration.resources ?? []).flatMap((r) =>
    [r.list, r.show].filter((p) => p !== undefined).map(([path, load]) => <Route key={path} path={path} element={pageOf(load)} />),
  );
}
