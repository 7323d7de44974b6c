import { useOne } from "@refinedev/core";
import { Col, Row, Skeleton } from "antd";
import { ReadPage } from "../../../client/read-page";
import type { Own } from "../api";
import { RESOURCES } from "../data-provider";
import { metaOf } from "./queries";
import { HistoryCard, UsageSummary } from "./usage-summary";

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
      {own ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <UsageSummary restaurant={own} />
          </Col>
          <Col xs={24} lg={12}>
            <HistoryCard history={own.history} />
          </Col>
        </Row>
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </ReadPage>
  );
}
