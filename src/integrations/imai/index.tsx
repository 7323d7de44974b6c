import { ThunderboltOutlined } from "@ant-design/icons";
import { defineClientIntegration } from "../../client/define";

/** IMAI has no pages of its own: its card on the overview is the generic quota card. */
export default defineClientIntegration({ id: "imai", order: 10, icon: <ThunderboltOutlined /> });
