import { ApiOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Space, Statistic, Typography } from "antd";
import type { ReactNode } from "react";
import { ErrorState } from "../../ui/error-state";
import { formatDateTime, formatNumber, formatRelative } from "../../ui/format";
import { QuotaProgress } from "../../ui/quota-progress";
import { StatusTag } from "../../ui/status-tag";
import type { OverviewCardProps } from "../define";

export type QuotaCardProps = OverviewCardProps;

/**
 * What every overview card shares: name, tags, "as of" and Refresh; "not configured" and a failure
 * with Retry in place of the figures; a stale note above them. `children` are the figures.
 */
export function OverviewCardFrame({ usage, onRefresh, refreshing, icon, children }: QuotaCardProps & { children: ReactNode }) {
  let body: ReactNode;
  if (usage.status === "not_configured") body = <Alert type="warning" showIcon message="Not configured" description={usage.message} />;
  else if (usage.status === "error")
    body = <ErrorState compact title={`Could not load ${usage.name}`} message={usage.message ?? "Try again."} onRetry={onRefresh} retrying={refreshing} />;
  else
    body = (
      <>
        {usage.stale && <Alert type="warning" showIcon message={usage.message ?? "Showing the last known figures."} />}
        {children}
      </>
    );
  return (
    <Card
      title={
        <Space>
          {icon ?? <ApiOutlined />}
          <span>{usage.name}</span>
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {usage.demo && <StatusTag status="demo" />}
          <StatusTag status={usage.stale ? "stale" : usage.status} />
        </Space>
      }
      style={{ height: "100%" }}
      data-testid={`integration-card-${usage.id}`}
    >
      <Flex vertical gap={12}>
        {body}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary" title={formatDateTime(usage.fetchedAt)}>
            {usage.fetchedAt ? `As of ${formatRelative(usage.fetchedAt)}` : "Not fetched yet"}
          </Typography.Text>
          <Button size="small" icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
            Refresh
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The generic card: used / total, a progress bar coloured by consumption, remaining. */
export function QuotaCard(props: QuotaCardProps) {
  const { usage } = props;
  return (
    <OverviewCardFrame {...props}>
      {usage.totalQuota != null && usage.usedQuota != null ? (
        <Typography.Text>
          Used <strong>{formatNumber(usage.usedQuota)}</strong> / {formatNumber(usage.totalQuota)} {usage.unit}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">No plan total is configured, so there is no percentage.</Typography.Text>
      )}
      {usage.usagePercentage != null && <QuotaProgress percent={usage.usagePercentage} label={`${usage.name}: ${usage.usagePercentage}% used`} />}
      <Statistic title={`Remaining ${usage.unit}`} value={formatNumber(usage.remainingQuota)} />
    </OverviewCardFrame>
  );
}
