import { Alert, Flex, Statistic } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { OverviewCardProps } from "../../../client/define";
import { OverviewCardFrame } from "../../../client/overview/quota-card";
import { ErrorState } from "../../../ui/error-state";
import { formatNumber } from "../../../ui/format";
import { QuotaProgress } from "../../../ui/quota-progress";

/** The Integrations overview's card: requests this month, credits left and any shortfall, from the last sync. */
export function ApiKeysOverviewCard(props: OverviewCardProps) {
  const { usage, onRefresh, refreshing } = props;
  const details = usage.details as { requestsThisMonth?: number; shortfall?: number } | undefined;
  let body: ReactNode;
  if (usage.status === "not_configured") body = <Alert type="warning" showIcon message="Not configured" description={usage.message} />;
  else if (usage.status === "error")
    body = <ErrorState compact title="Could not load API keys" message={usage.message ?? "Try again."} onRetry={onRefresh} retrying={refreshing} />;
  else
    body = (
      <>
        {(usage.stale || usage.message) && <Alert type={usage.stale ? "warning" : "info"} showIcon message={usage.message} />}
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
      </>
    );
  return <OverviewCardFrame {...props}>{body}</OverviewCardFrame>;
}
