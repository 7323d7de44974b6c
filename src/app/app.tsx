import { DashboardOutlined } from "@ant-design/icons";
import { ThemedLayout, ThemedSider, ThemedTitle, useNotificationProvider } from "@refinedev/antd";
import { Authenticated, CanAccess, Refine } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, DocumentTitleHandler } from "@refinedev/react-router";
import simpleRest from "@refinedev/simple-rest";
import { App as AntdApp, ConfigProvider, Spin } from "antd";
import { lazy, Suspense } from "react";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import { clientIntegrations } from "../integrations";
import { createAccessControl } from "./access-control";
import { authProvider } from "./auth-provider";
import { Header } from "./header";
import { http } from "./http";
import { IntegrationsPage } from "./overview/integrations-page";
import { Home } from "./pages/home";
import { LoginPage } from "./pages/login-page";
import { Forbidden, NotFound } from "./pages/status-pages";
import { queryClient } from "./query-client";
import { resources } from "./resources";

// Pages off the first screen load on demand.
const AuditLogList = lazy(() => import("./audit/audit-log-list").then((m) => ({ default: m.AuditLogList })));

const dataProviders = {
  default: simpleRest("/api", http),
  ...Object.assign({}, ...clientIntegrations.map((i) => i.dataProviders ?? {})),
};
const accessControlProvider = createAccessControl(resources);
/** Refine's notifications, less the sign-in error: the login page shows it inline, where it stays. */
function useNotifications() {
  const base = useNotificationProvider();
  return { ...base, open: (params: Parameters<typeof base.open>[0]) => (params.key === "login-error" ? undefined : base.open(params)) };
}

const theme = { token: { colorPrimary: "#1f4fd1", borderRadius: 8 } };

// The header has Sign out; the menu lists pages only.
const Sider = () => <ThemedSider Title={Title} render={({ items }) => items} />;
const Title = ({ collapsed }: { collapsed: boolean }) => <ThemedTitle collapsed={collapsed} text="Usage Console" icon={<DashboardOutlined />} />;

export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider theme={theme}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            dataProvider={dataProviders}
            authProvider={authProvider}
            accessControlProvider={accessControlProvider}
            notificationProvider={useNotifications}
            resources={resources}
            options={{
              reactQuery: { clientConfig: queryClient },
              syncWithLocation: true,
              disableTelemetry: true,
              warnWhenUnsavedChanges: false,
              title: { text: "Usage Console" },
            }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="app" fallback={<CatchAllNavigate to="/login" />}>
                    <ThemedLayout Header={Header} Sider={Sider} Title={Title}>
                      <Outlet />
                    </ThemedLayout>
                  </Authenticated>
                }
              >
                <Route index element={<Home />} />
                {/* Each page asks for its resource's permission; without it, the 403 page. */}
                <Route
                  element={
                    <CanAccess fallback={<Forbidden />}>
                      <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
                        <Outlet />
                      </Suspense>
                    </CanAccess>
                  }
                >
                  <Route path="/integrations" element={<IntegrationsPage />} />
                  {clientIntegrations.map((i) => i.routes && <Route key={i.id}>{i.routes}</Route>)}
                  <Route path="/audit-logs" element={<AuditLogList />} />
                </Route>
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route path="/login" element={<LoginPage />} />
            </Routes>
            <DocumentTitleHandler handler={({ resource }) => `${(resource?.meta?.label as string | undefined) ?? "Home"} · Usage Console`} />
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
