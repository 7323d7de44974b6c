import { KeyOutlined, WalletOutlined } from "@ant-design/icons";
import { PERMISSIONS } from "../../auth/permissions";
import { defineClientIntegration } from "../../client/define";
import { API_KEYS_RESOURCES, apiKeysDataProvider } from "./data-provider";
import { ApiKeysOverviewCard } from "./pages/overview-card";

const write = PERMISSIONS.integrationWrite;

export default defineClientIntegration({
  id: "api-keys",
  order: 40,
  icon: <KeyOutlined />,
  resources: [
    {
      name: API_KEYS_RESOURCES.keys,
      label: "API usage",
      icon: <KeyOutlined />,
      list: ["/api-keys", () => import("./pages/api-usage-page")],
      permissions: { create: write, delete: write, sync: write },
    },
    { name: API_KEYS_RESOURCES.credits, label: "API credits", icon: <WalletOutlined />, list: ["/api-keys/credits", () => import("./pages/credits-page")] },
    { name: API_KEYS_RESOURCES.ledger, label: "Credit ledger", hide: true },
  ],
  dataProvider: apiKeysDataProvider,
  OverviewCard: ApiKeysOverviewCard,
});
