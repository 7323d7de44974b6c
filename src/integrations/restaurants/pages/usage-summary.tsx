import { Card, Col, Descriptions, Flex, Row, Statistic } from "antd";
import type { ReactNode } from "react";
import { BarChart } from "../../../ui/bar-chart";
import { formatDate, formatNumber } from "../../../ui/format";
import type { HistoryEntry, RestaurantUsage } from "../contract";
import { figuresOf, historySeries } from "../model";
import { ActiveTag, Ago, TopUps, UsageBadges, UsageBar, UsedOfLimit } from "./usage-cells";

/** One restaurant's figures this month: the show page's and the owner's card (their page says demo and stale). */
export function UsageSummary({ restaurant }: { restaurant: RestaurantUsage }) {
  const f = figuresOf(restaurant);
  const daily = restaurant.allowance;
  return (
    <Card title="This month" extra={<UsageBadges f={f} isActive={restaurant.isActive} />} data-testid="usage-summary">
      <Flex vertical gap={16}>
        <Flex gap={32} wrap>
          <Statistic title="Conversations used / limit" valueRender={() => <UsedOfLimit f={f} />} />
          <Statistic title="Remaining" value={f.unlimited ? "Unlimited" : formatNumber(f.remaining)} />
        </Flex>
        <UsageBar f={f} name={restaurant.restaurantName} size="default" />
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 1, xxl: 2 }} bordered>
          <Descriptions.Item label="Top-ups this month">
            <TopUps adjustedBy={restaurant.adjustedBy} />
          </Descriptions.Item>
          <Descriptions.Item label="Today's allowance">
            {daily.dailyLimit === -1 ? "Unlimited" : `${formatNumber(daily.dailyRemaining)} of ${formatNumber(daily.dailyLimit)} left`}
          </Descriptions.Item>
          <Descriptions.Item label="Last conversation">
            <Ago at={restaurant.lastConversationAt} />
          </Descriptions.Item>
          <Descriptions.Item label="First activity">{formatDate(restaurant.firstActivity)}</Descriptions.Item>
          <Descriptions.Item label="Active">
            <ActiveTag isActive={restaurant.isActive} />
          </Descriptions.Item>
        </Descriptions>
      </Flex>
    </Card>
  );
}

/** Conversations of the last six months as bars. */
export function HistoryCard({ history }: { history: readonly HistoryEntry[] }) {
  return (
    <Card title="Last 6 months" data-testid="usage-history">
      <BarChart data={historySeries(history)} title="Conversations per month, last 6 months" />
    </Card>
  );
}

/** A restaurant's page: this month's figures beside its history, then whatever the page adds below (renewals). */
export function RestaurantFigures({ restaurant, children }: { restaurant: RestaurantUsage & { history: readonly HistoryEntry[] }; children?: ReactNode }) {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <UsageSummary restaurant={restaurant} />
      </Col>
      <Col xs={24} lg={12}>
        <HistoryCard history={restaurant.history} />
      </Col>
      {children && <Col span={24}>{children}</Col>}
    </Row>
  );
}
