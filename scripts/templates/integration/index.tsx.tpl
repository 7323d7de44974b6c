import { AppstoreOutlined } from "@ant-design/icons";
import { createDataProvider, limitOffset } from "../../client/data-provider";
import { defineClientIntegration } from "../../client/define";
import { API, PAGE, RESOURCE } from "./api";
import type { ItemPage } from "./contract";

/** {{Title}} in the browser: its menu item and list page; its card on the overview is the generic quota card. */
export default defineClientIntegration({
  id: "{{id}}",
  order: 100,
  icon: <AppstoreOutlined />,
  resources: [{ name: RESOURCE, label: "{{Title}}", icon: <AppstoreOutlined />, list: ["/{{id}}", () => import("./pages/{{id}}-list")] }],
  dataProvider: createDataProvider({
    [RESOURCE]: {
      list: {
        path: API.items,
        query: ({ pagination }) => limitOffset(pagination, PAGE.default, PAGE.max),
        rows: (data: ItemPage) => data.items,
        total: (data: ItemPage) => data.total,
      },
    },
  }),
});
