import { CloudServerOutlined } from "@ant-design/icons";
import { lazy } from "react";
import { Route } from "react-router";
import { PERMISSIONS } from "../../auth/permissions";
import type { ClientIntegration } from "../types";
import { PAX8_PROVIDER, PAX8_RESOURCES, pax8DataProvider } from "./data-provider";
import { Pax8Card } from "./pages/pax8-card";

// Pages load on first visit (the layout's Suspense shows a spinner); the overview card is in the first bundle.
const SubscriptionsList = lazy(() => import("./pages/subscriptions-list").then((m) => ({ default: m.SubscriptionsList })));
const UsageSummariesList = lazy(() => import("./pages/usage-summaries-list").then((m) => ({ default: m.UsageSummariesList })));
const UsageSummaryShow = lazy(() => import("./pages/usage-summary-show").then((m) => ({ default: m.UsageSummaryShow })));

const meta = { dataProviderName: PAX8_PROVIDER, permission: PERMISSIONS.integrationRead };

export const pax8: ClientIntegration = {
  id: "pax8",
  icon: <CloudServerOutlined />,
  resources: [
    { name: PAX8_RESOURCES.subscriptions, list: "/pax8", meta: { ...meta, label: "Pax8 usage", icon: <CloudServerOutlined /> } },
    {
      name: PAX8_RESOURCES.summaries,
      list: "/pax8/subscriptions/:subscriptionId/usage-summaries",
      show: "/pax8/usage-summaries/:id",
      meta: { ...meta, label: "Pax8 usage summaries", hide: true },
    },
    { name: PAX8_RESOURCES.lines, meta: { ...meta, label: "Pax8 usage lines", hide: true } },
  ],
  routes: (
    <>
      <Route path="/pax8" element={<SubscriptionsList />} />
      <Route path="/pax8/subscriptions/:subscriptionId/usage-summaries" element={<UsageSummariesList />} />
      <Route path="/pax8/usage-summaries/:id" element={<UsageSummaryShow />} />
    </>
  ),
  dataProviders: { [PAX8_PROVIDER]: pax8DataProvider },
  OverviewCard: Pax8Card,
};
