import { AlertOutlined, ShopOutlined } from "@ant-design/icons";
import { PERMISSIONS } from "../../auth/permissions";
import { defineClientIntegration } from "../../client/define";
import { RESOURCES, restaurantsDataProvider } from "./data-provider";
import { AlertsBadge } from "./pages/alerts-badge";
import { RestaurantsOverviewCard } from "./pages/overview-card";

export default defineClientIntegration({
  id: "restaurants",
  order: 30,
  icon: <ShopOutlined />,
  resources: [
    {
      name: RESOURCES.list,
      label: "Restaurants",
      icon: <ShopOutlined />,
      list: ["/restaurants", () => import("./pages/restaurant-list")],
      show: ["/restaurants/:id", () => import("./pages/restaurant-show")],
      permissions: { renew: PERMISSIONS.integrationRenew },
    },
    { name: RESOURCES.alerts, label: "Near-quota alerts", icon: <AlertOutlined />, list: ["/restaurants/alerts", () => import("./pages/alerts-list")] },
    {
      name: RESOURCES.own,
      label: "My restaurant",
      icon: <ShopOutlined />,
      list: ["/my-restaurant", () => import("./pages/my-restaurant")],
      permission: PERMISSIONS.restaurantReadOwn,
      requiresRestaurant: true,
    },
  ],
  dataProvider: restaurantsDataProvider,
  OverviewCard: RestaurantsOverviewCard,
  headerItems: [AlertsBadge],
});
