import { Flex, Statistic } from "antd";
import { Link } from "react-router";
import type { OverviewCardProps } from "../../../client/define";
import { OverviewCardFrame } from "../../../client/overview/quota-card";
import { formatNumber } from "../../../ui/format";

/** The Integrations overview's card: how many restaurants are near quota, out of how many. */
export function RestaurantsOverviewCard(props: OverviewCardProps) {
  const details = props.usage.details as { nearQuota?: number; restaurants?: number } | undefined;
  return (
    <OverviewCardFrame {...props}>
      <Flex gap={32} wrap>
        <Statistic title="Near quota" value={formatNumber(details?.nearQuota)} />
        <Statistic title="Restaurants" value={formatNumber(details?.restaurants)} />
      </Flex>
      <Flex gap={16}>
        <Link to="/restaurants/alerts">See the alerts</Link>
        <Link to="/restaurants">All restaurants</Link>
      </Flex>
    </OverviewCardFrame>
  );
}
