import { Alert, Flex, Statistic } from "antd";
import { Link } from "react-router";
import type { OverviewCardProps } from "../../../client/define";
import { OverviewCardFrame } from "../../../client/overview/quota-card";
import { formatNumber } from "../../../ui/format";
import { QuotaProgress } from "../../../ui/quota-progress";

/** The Integrations overview's card: requests this month, credits left and any shortfall, from the last sync. */
export function ApiKeysOverviewCard(props: OverviewCardProps) {
  const { usage } = props;
  const details = usage.details as { requestsThisMonth?: number; shortfall?: number } | undefined;
  return (
    <OverviewCardFrame {...props}>
      {/* The frame says a stale card's reason; a fresh one may still say "Not synced yet." */}
      {!usage.stale && usage.message && <Alert type="info" showIcon message={usage.message} />}
      <Flex gap={32} wrap>
        <Statistic title="Requests this month" value={formatNumber(details?.requestsThisMonth)} />
        <Statistic title="Credits left" value={formatNumber(usage.remainingQuota)} />
        {(details?.shortfall ?? 0) > 0 && <Statistic title="Shortfall" value={formatNumber(details?.shortfall)} valueStyle={{ color: "#cf1322" }} />}
      </Flex>
      {usage.usagePercentage != null && <QuotaProgress percent={usage.usagePercentage} label={`API keys: ${usage.usagePercentage}% of credits used`} />}
      <Flex gap={16}>
        <Link to="/api-keys">API usage</Link>
        <Link to="/api-keys/credits">Credits</Link>
      </Flex>
    </OverviewCardFrame>
  );
}
