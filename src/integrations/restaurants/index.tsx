import { AlertOutlined, ShopOutlined } from "@ant-design/icons";
import { Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Route } from "react-router";
import { PERMISSIONS } from "../../auth/permissions";
import type { ClientIntegration } from "../types";
import { RESOURCES, RESTAURANTS_PROVIDER, restaurantsDataProvider } from "./data-provider";
import { AlertsBadge } from "./pages/alerts-badge";
import { RestaurantsOverviewCard } from "./pages/overview-card";

// Pages load on first visit; the header badge and the overview card are in the first bundle.
const RestaurantList = lazy(() => import("./pages/restaurant-list").then((m) => ({ default: m.RestaurantList })));
const RestaurantShow = lazy(() => import("./pages/restaurant-show").then((m) => ({ default: m.RestaurantShow })));
const AlertsList = lazy(() => import("./pages/alerts-list").then((m) => ({ default: m.AlertsList })));
const MyRestaurant = lazy(() => import("./pages/my-restaurant").then((m) => ({ default: m.MyRestaurant })));

const page = (element: ReactNode) => <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>{element}</Suspense>;

const read = PERMISSIONS.integrationRead;

export const restaurants: ClientIntegration = {
  id: "restaurants",
  icon: <ShopOutlined />,
  resources: [
    {
      name: RESOURCES.list,
      list: "/restaurants",
      show: "/restaurants/:id",
      meta: {
        label: "Restaurants",
        icon: <ShopOutlined />,
        dataProviderName: RESTAURANTS_PROVIDER,
        permission: read,
        permissions: { renew: PERMISSIONS.integrationRenew },
      },
    },
    {
      name: RESOURCES.alerts,
      list: "/restaurants/alerts",
      meta: { label: "Near-quota alerts", icon: <AlertOutlined />, dataProviderName: RESTAURANTS_PROVIDER, permission: read },
    },
    {
      name: RESOURCES.own,
      list: "/my-restaurant",
      meta: {
        label: "My restaurant",
        icon: <ShopOutlined />,
        dataProviderName: RESTAURANTS_PROVIDER,
        permission: PERMISSIONS.restaurantReadOwn,
        requiresRestaurant: true,
      },
    },
  ],
  routes: (
    <>
      <Route path="/restaurants" element={page(<RestaurantList />)} />
      <Route path="/restaurants/alerts" element={page(<AlertsList />)} />
      <Route path="/restaurants/:id" element={page(<RestaurantShow />)} />
      <Route path="/my-restaurant" element={page(<MyRestaurant />)} />
    </>
  ),
  dataProviders: { [RESTAURANTS_PROVIDER]: restaurantsDataProvider },
  OverviewCard: RestaurantsOverviewCard,
  headerItems: [AlertsBadge],
};
