import { ShopOutlined, ShoppingCartOutlined } from "@ant-design/icons";
import { AuthPage, ErrorComponent, ThemedLayout, ThemedTitle, useNotificationProvider } from "@refinedev/antd";
import { Authenticated, Refine, type ResourceProps } from "@refinedev/core";
import routerProvider, { CatchAllNavigate, NavigateToResource } from "@refinedev/react-router";
import simpleRest from "@refinedev/simple-rest";
import { App as AntdApp, ConfigProvider } from "antd";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import { accessControl } from "./access-control";
import { authProvider } from "./auth-provider";
import { Header } from "./header";
import { OrderList } from "./pages/order-list";
import { OrderShow } from "./pages/order-show";
import { usage } from "./usage-console"; // usage-console

const resources: ResourceProps[] = [{ name: "orders", list: "/orders", show: "/orders/:id", meta: { label: "Orders", icon: <ShoppingCartOutlined /> } }];
const dataProvider = simpleRest("/api");
const Title = ({ collapsed }: { collapsed: boolean }) => <ThemedTitle collapsed={collapsed} text="Shop Admin" icon={<ShopOutlined />} />;

export function App() {
  return (
    <BrowserRouter>
      <ConfigProvider theme={{ token: { colorPrimary: "#d4380d" } }}>
        <AntdApp>
          <Refine
            routerProvider={routerProvider}
            authProvider={authProvider}
            dataProvider={{ default: dataProvider, ...usage.dataProviders }} // usage-console
            accessControlProvider={usage.accessControl(accessControl)} // usage-console
            notificationProvider={useNotificationProvider}
            resources={[...resources, ...usage.resources]} // usage-console
            options={{ syncWithLocation: true, disableTelemetry: true, title: { text: "Shop Admin" } }}
          >
            <Routes>
              <Route
                element={
                  <Authenticated key="app" fallback={<CatchAllNavigate to="/login" />}>
                    <ThemedLayout Header={Header} Title={Title}>
                      <Outlet />
                    </ThemedLayout>
                  </Authenticated>
                }
              >
                <Route index element={<NavigateToResource resource="orders" />} />
                <Route path="/orders" element={<OrderList />} />
                <Route path="/orders/:id" element={<OrderShow />} />
                {usage.routes /* usage-console */}
                <Route path="*" element={<ErrorComponent />} />
              </Route>
              <Route
                element={
                  <Authenticated key="login" fallback={<Outlet />}>
                    <NavigateToResource resource="orders" />
                  </Authenticated>
                }
              >
                <Route
                  path="/login"
                  element={<AuthPage type="login" title={<Title collapsed={false} />} registerLink={false} forgotPasswordLink={false} rememberMe={false} />}
                />
              </Route>
            </Routes>
          </Refine>
        </AntdApp>
      </ConfigProvider>
    </BrowserRouter>
  );
}
