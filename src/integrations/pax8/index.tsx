import { CloudServerOutlined } from "@ant-design/icons";
import { defineClientIntegration } from "../../client/define";
import { PAX8_RESOURCES, pax8DataProvider } from "./data-provider";
import { Pax8Card } from "./pages/pax8-card";

export default defineClientIntegration({
  id: "pax8",
  order: 20,
  icon: <CloudServerOutlined />,
  resources: [
    { name: PAX8_RESOURCES.subscriptions, label: "Pax8 usage", icon: <CloudServerOutlined />, list: ["/pax8", () => import("./pages/subscriptions-list")] },
    {
      name: PAX8_RESOURCES.summaries,
      label: "Pax8 usage summaries",
      hide: true,
      list: ["/pax8/subscriptions/:subscriptionId/usage-summaries", () => import("./pages/usage-summaries-list")],
      show: ["/pax8/usage-summaries/:id", () => import("./pages/usage-summary-show")],
    },
    { name: PAX8_RESOURCES.lines, label: "Pax8 usage lines", hide: true },
  ],
  dataProvider: pax8DataProvider,
  OverviewCard: Pax8Card,
});
