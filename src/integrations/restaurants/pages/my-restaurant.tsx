import { useOne } from "@refinedev/core";
import { Skeleton } from "antd";
import { ReadPage } from "../../../client/read-page";
import type { Own } from "../api";
import { RESOURCES } from "../data-provider";
import { metaOf } from "./queries";
import { RestaurantFigures } from "./usage-summary";

/** /my-restaurant: an owner's own restaurant (the server picks it from the session): its card and history only. */
export default function MyRestaurant() {
  const { query } = useOne<Own>({ resource: RESOURCES.own, id: "own", errorNotification: false });
  const own = query.data?.data;
  return (
    <ReadPage
      title={own?.restaurantName ?? "My restaurant"}
      subtitle="Your conversations and allowance this month."
      queries={[query]}
      meta={metaOf(query.data)}
      errorTitle="Could not load your restaurant"
    >
      {own ? <RestaurantFigures restaurant={own} /> : <Skeleton active paragraph={{ rows: 6 }} />}
    </ReadPage>
  );
}
