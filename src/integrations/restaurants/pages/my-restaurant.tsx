import { useOne } from "@refinedev/core";
import { Col, Flex, Row, Skeleton, Typography } from "antd";
import { useEffect } from "react";
import { errorMessage } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { markDataOnScreen } from "../../../ui/marks";
import type { ReadMeta } from "../../usage";
import type { Own } from "../api";
import { RESOURCES } from "../data-provider";
import { HistoryCard, UsageSummary } from "./usage-summary";

/** /my-restaurant: an owner's own restaurant (the server picks it from the session): its card and history only. */
export default function MyRestaurant() {
  const { query } = useOne<Own>({ resource: RESOURCES.own, id: "own", errorNotification: false });
  const own = query.data?.data;
  useEffect(() => {
    if (own) markDataOnScreen();
  }, [own]);

  if (query.isError) return <ErrorState title="Could not load your restaurant" message={errorMessage(query.error)} onRetry={() => query.refetch()} />;
  if (!own) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {own.restaurantName}
        </Typography.Title>
        <Typography.Text type="secondary">Your conversations and allowance this month.</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <UsageSummary restaurant={own} meta={(query.data as { meta?: ReadMeta } | undefined)?.meta} />
        </Col>
        <Col xs={24} lg={12}>
          <HistoryCard history={own.history} />
        </Col>
      </Row>
    </Flex>
  );
}
