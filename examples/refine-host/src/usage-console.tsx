import { LineChartOutlined } from "@ant-design/icons";
import { usageConsole } from "usage-console/client";

// usage-console: its pages under one "Usage" menu item; its API is where server/index.ts mounts it.
export const usage = usageConsole({ apiBase: "/usage-api", menuParent: { name: "usage", label: "Usage", icon: <LineChartOutlined /> } });
