import { Alert, Flex, Statistic } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { OverviewCardProps } from "../../../client/define";
import { OverviewCardFrame } from "../../../client/overview/quota-card";
import { ErrorState } from "../../../ui/error-state";
import { formatNumber } from "../../../ui/format";

/** The Integrations overview's card: how many restaurants are near quota, out of how many. */
export function RestaurantsOverviewCard(props: OverviewCardProps) {
  const { usage, onRefresh, refreshing } = props;
  const details = usage.details as { nearQuota?: number; restaurants?: number } | undefined;
  let body: ReactNode;
  if (usage.status === "not_configured") body = <Alert type="warning" showIcon message="Not configured" description={usage.message} />;
  else if (usage.status === "error")
    body = <ErrorState compact title="Could not load Restaurants" message={usage.message ?? "Try again."} onRetry={onRefresh} retrying={refreshing} />;
  else
    body = (
      <>
        {usage.stale && <Alert type="warning" showIcon message="Showing the last known figures." />}
        <Flex gap={32} wrap>
          <Statistic title="Near quota" value={formatNumber(details?.nearQuota)} />
          <Statistic title="Restaurants" value={formatNumber(details?.restaurants)} />
        </Flex>
        <Flex gap={16}>
          <Link to="/restaurants/alerts">See the alerts</Link>
          <Link to="/restaurants">All restaurants</Link>
        </Flex>
      </>
    );
  return <OverviewCardFrame {...props}>{body}</OverviewCardFrame>;
}
