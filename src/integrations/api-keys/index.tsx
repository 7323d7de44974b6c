import { KeyOutlined, WalletOutlined } from "@ant-design/icons";
import { lazy } from "react";
import { Route } from "react-router";
import { PERMISSIONS } from "../../auth/permissions";
import type { ClientIntegration } from "../types";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES, apiKeysDataProvider } from "./data-provider";
import { ApiKeysOverviewCard } from "./pages/overview-card";

// Pages load on first visit (the layout's Suspense shows a spinner); the overview card is in the first bundle.
const ApiUsagePage = lazy(() => import("./pages/api-usage-page").then((m) => ({ default: m.ApiUsagePage })));
const CreditsPage = lazy(() => import("./pages/credits-page").then((m) => ({ default: m.CreditsPage })));

const read = PERMISSIONS.integrationRead;
const write = PERMISSIONS.integrationWrite;

export const apiKeys: ClientIntegration = {
  id: "api-keys",
  icon: <KeyOutlined />,
  resources: [
    {
      name: API_KEYS_RESOURCES.keys,
      list: "/api-keys",
      meta: {
        label: "API usage",
        icon: <KeyOutlined />,
        dataProviderName: API_KEYS_PROVIDER,
        permission: read,
        permissions: { create: write, delete: write, sync: write },
      },
    },
    {
      name: API_KEYS_RESOURCES.credits,
      list: "/api-keys/credits",
      meta: { label: "API credits", icon: <WalletOutlined />, dataProviderName: API_KEYS_PROVIDER, permission: read },
    },
    { name: API_KEYS_RESOURCES.ledger, meta: { label: "Credit ledger", hide: true, dataProviderName: API_KEYS_PROVIDER, permission: read } },
  ],
  routes: (
    <>
      <Route path="/api-keys" element={<ApiUsagePage />} />
      <Route path="/api-keys/credits" element={<CreditsPage />} />
    </>
  ),
  dataProviders: { [API_KEYS_PROVIDER]: apiKeysDataProvider },
  OverviewCard: ApiKeysOverviewCard,
};
