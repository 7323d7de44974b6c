import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { Alert, Flex, InputNumber, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { formatNumber } from "../../../ui/format";
import { markDataOnScreen } from "../../../ui/marks";
import { QuotaProgress } from "../../../ui/quota-progress";
import type { ReadMeta } from "../../usage";
import type { UsageAlert } from "../contract";
import { RESOURCES } from "../data-provider";
import { NEAR_QUOTA, thresholdToPercent } from "../model";
import { TopUps } from "./usage-cells";

const DEFAULT_PERCENT = thresholdToPercent(NEAR_QUOTA);

/** /restaurants/alerts: restaurants at or above a share of their allowance (90 % unless changed). */
export default function AlertsList() {
  const { tableProps, tableQuery, filters, setFilters } = useTable<UsageAlert>({
    resource: RESOURCES.alerts,
    pagination: { pageSize: 20 },
    filters: { initial: [{ field: "threshold", operator: "eq", value: DEFAULT_PERCENT }] },
    syncWithLocation: true,
    // The page shows a failure itself, with Retry.
    errorNotification: false,
  });
  const fromUrl = Number(getDefaultFilter("threshold", filters, "eq") ?? DEFAULT_PERCENT);
  const [percent, setPercent] = useState<number>(fromUrl);
  const meta = tableQuery.data?.meta as ReadMeta | undefined;

  useEffect(() => setPercent(fromUrl), [fromUrl]);
  useEffect(() => {
    if (tableQuery.data) markDataOnScreen();
  }, [tableQuery.data]);
  // Ask once the user stops typing, not on every keystroke.
  useEffect(() => {
    if (percent === fromUrl) return;
    const timer = setTimeout(() => setFilters([{ field: "threshold", operator: "eq", value: percent }], "replace"), 400);
    return () => clearTimeout(timer);
  }, [percent, fromUrl, setFilters]);

  return (
    <List title="Near-quota alerts" breadcrumb={false}>
      <Flex vertical gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Text id="threshold-label">Restaurants at or above</Typography.Text>
          <InputNumber
            aria-labelledby="threshold-label"
            min={0}
            max={100}
            step={5}
            value={percent}
            onChange={(v) => v != null && setPercent(v)}
            addonAfter="%"
            style={{ width: 120 }}
          />
          <Typography.Text type="secondary">of their allowance this month</Typography.Text>
        </Flex>
        {meta?.stale && <Alert type="warning" showIcon message={meta.message ?? "Showing the last known figures."} />}
        {tableQuery.isError ? (
          <ErrorState title="Could not load the alerts" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
        ) : (
          <Table {...tableProps} rowKey="restaurantId" size="middle" scroll={{ x: 640 }} locale={{ emptyText: "No restaurant is at this threshold." }}>
            <Table.Column<UsageAlert>
              title="Restaurant"
              dataIndex="restaurantName"
              render={(name: string, a) => <Link to={`/restaurants/${encodeURIComponent(a.restaurantId)}`}>{name}</Link>}
            />
            <Table.Column<UsageAlert> title="Used / limit" key="used" render={(_, a) => `${formatNumber(a.used)} / ${formatNumber(a.limit)}`} />
            <Table.Column<UsageAlert>
              title="Usage"
              dataIndex="usagePercent"
              width={170}
              render={(p: number, a) => <QuotaProgress percent={p} size="small" label={`${a.restaurantName}: ${p}% used`} />}
            />
            <Table.Column<UsageAlert> title="Remaining" dataIndex="remaining" align="right" render={(n: number) => formatNumber(n)} />
            <Table.Column<UsageAlert> title="Top-ups this month" dataIndex="adjustedBy" render={(n: number) => <TopUps adjustedBy={n} />} />
          </Table>
        )}
      </Flex>
    </List>
  );
}
