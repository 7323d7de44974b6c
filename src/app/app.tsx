import { DashboardOutlined } from "@ant-design/icons";
import { ThemedLayout, ThemedSider, ThemedTitle, useNotificationProvider } from "@refinedev/antd";
import { Authenticated, Refine } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, DocumentTitleHandler } from "@refinedev/react-router";
import { App as AntdApp, ConfigProvider } from "antd";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import { NotFound, queryClient, usageConsole } from "../lib/client";
import { authProvider } from "./auth-provider";
import { cspNonce } from "./csp-nonce";
import { Header } from "./header";
import { Home } from "./pages/home";
import { LoginPage } from "./pages/login-page";

/** The standalone console is a host of the plugin like any other, with its own sign-in and no menu group. */
export const usage = usageConsole({ menuParent: false, overviewPath: "/integrations", auditPath: "/audit-logs" });

// Refine asks for a default data provider; the standalone console has no data of its own.
const dataProviders = { default: Object.values(usage.dataProviders)[0], ...usage.dataProviders };

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
      <ConfigProvider theme={theme} csp={{ nonce: cspNonce }}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            dataProvider={dataProviders}
            authProvider={authProvider}
            accessControlProvider={usage.accessControl()}
            notificationProvider={useNotifications}
            resources={usage.resources}
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
                {usage.routes}
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
