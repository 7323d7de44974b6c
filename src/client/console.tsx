import { ApiOutlined, AuditOutlined, DashboardOutlined } from "@ant-design/icons";
import type { AccessControlProvider, DataProvider, ResourceProps } from "@refinedev/core";
import simpleRest from "@refinedev/simple-rest";
import { Flex } from "antd";
import type { ComponentType, ReactElement, ReactNode } from "react";
import { Route } from "react-router";
import { PERMISSIONS } from "../auth/permissions";
import { createAccessControl } from "./access-control";
import { type ClientIntegration, pageOf, providerName, resourcesOf, routesOf } from "./define";
import { http } from "./http";
import { installed } from "./installed";
import { IntegrationsPage } from "./overview/integrations-page";

const loadAuditLog = () => import("./audit/audit-log-list");

export interface UsageConsoleOptions {
  /** The integrations to show, in menu order (`builtInIntegrations` by default). */
  integrations: ClientIntegration[];
  /** Where the server plugin is mounted ("/api" by default). */
  apiBase?: string;
  /** The one menu item the console's pages sit under; `false` for none (the standalone console). */
  menuParent?: { name: string; label: string; icon?: ReactNode } | false;
  /** SPA path of the overview ("/usage" by default). */
  overviewPath?: string;
  /** SPA path of the audit log ("/usage/audit-log" by default). */
  auditPath?: string;
}

export interface UsageConsole {
  /** Refine resources, grouped under the menu parent. */
  resources: ResourceProps[];
  /** `<Route>`s to render inside the host's signed-in layout; pages load on first visit. */
  routes: ReactElement;
  /** Named data providers ("usage-console/…"): spread them beside the host's own. */
  dataProviders: Record<string, DataProvider>;
  /** Decides the console's resources; everything else goes to the host's provider. */
  accessControl(host?: AccessControlProvider): AccessControlProvider;
  /** The header's items (alerts bell). */
  HeaderItems: ComponentType;
  OverviewPage: ComponentType;
}

/**
 * Everything a Refine host needs to take the console: resources, routes, data providers, access
 * control and header items. The standalone console is built from it as any host is.
 */
export function usageConsole(options: UsageConsoleOptions): UsageConsole {
  const integrations = [...options.integrations].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const parent = options.menuParent === false ? null : (options.menuParent ?? { name: "usage-console", label: "Usage", icon: <DashboardOutlined /> });
  const under = parent ? { parent: parent.name } : {};
  const overviewPath = options.overviewPath ?? "/usage";
  const auditPath = options.auditPath ?? "/usage/audit-log";
  http.defaults.baseURL = options.apiBase ?? "/api";
  installed.integrations = integrations;
  installed.overviewPath = overviewPath;

  const resources: ResourceProps[] = [
    ...(parent ? [{ name: parent.name, meta: { label: parent.label, icon: parent.icon } }] : []),
    { name: "integrations", list: overviewPath, meta: { label: "Integrations", icon: <ApiOutlined />, ...under, permission: PERMISSIONS.integrationRead } },
    ...integrations.flatMap((i) => resourcesOf(i, parent?.name, PERMISSIONS.integrationRead)),
    {
      name: "audit-logs",
      list: auditPath,
      meta: { label: "Audit log", icon: <AuditOutlined />, ...under, permission: PERMISSIONS.auditRead, dataProviderName: providerName("core") },
    },
  ];
  return {
    resources,
    routes: (
      <>
        <Route path={overviewPath} element={pageOf(async () => ({ default: IntegrationsPage }))} />
        <Route path={auditPath} element={pageOf(loadAuditLog)} />
        {integrations.flatMap(routesOf)}
      </>
    ),
    dataProviders: Object.fromEntries([
      [providerName("core"), simpleRest("", http)],
      ...integrations.filter((i) => i.dataProvider).map((i) => [providerName(i.id), i.dataProvider!]),
    ]),
    accessControl: (host) => createAccessControl(resources, host),
    HeaderItems,
    OverviewPage: IntegrationsPage,
  };
}

/** The installed integrations' header items (alerts bell), side by side. */
function HeaderItems() {
  return (
    <Flex align="center" gap={12}>
      {installed.integrations
        .flatMap((i) => i.headerItems ?? [])
        .map((Item, i) => (
          <Item key={i} />
        ))}
    </Flex>
  );
}
