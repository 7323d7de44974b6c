import { ThunderboltOutlined } from "@ant-design/icons";
import type { ClientIntegration } from "../types";

/** IMAI has no pages of its own: its card on /integrations is the generic quota card. */
export const imai: ClientIntegration = {
  id: "imai",
  icon: <ThunderboltOutlined />,
};
