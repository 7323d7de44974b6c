import { getDefaultFilter, useTable } from "@refinedev/antd";
import { Flex, InputNumber, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ReadPage } from "../../../client/read-page";
import { formatNumber } from "../../../ui/format";
import { QuotaProgress } from "../../../ui/quota-progress";
import type { UsageAlert } from "../contract";
import { RESOURCES } from "../data-provider";
import { NEAR_QUOTA, thresholdToPercent } from "../model";
import { TopUps } from "./usage-cells";

const DEFAULT_PERCENT = thresholdToPercent(NEAR_QUOTA);

const COLUMNS: ColumnsType<UsageAlert> = [
  { title: "Restaurant", key: "name", render: (_, a) => <Link to={`/restaurants/${encodeURIComponent(a.restaurantId)}`}>{a.restaurantName}</Link> },
  { title: "Used / limit", key: "used", render: (_, a) => `${formatNumber(a.used)} / ${formatNumber(a.limit)}` },
  {
    title: "Usage",
    key: "usage",
    width: 170,
    render: (_, a) => <QuotaProgress percent={a.usagePercent} size="small" label={`${a.restaurantName}: ${a.usagePercent}% used`} />,
  },
  { title: "Remaining", dataIndex: "remaining", align: "right", render: (n: number) => formatNumber(n) },
  { title: "Top-ups this month", dataIndex: "adjustedBy", render: (n: number) => <TopUps adjustedBy={n} /> },
];

/** /restaurants/alerts: restaurants at or above a share of their allowance (90 % unless changed). */
export default function AlertsList() {
  const { tableProps, tableQuery, filters, setFilters } = useTable<UsageAlert>({
    resource: RESOURCES.alerts,
    pagination: { pageSize: 20 },
    filters: { initial: [{ field: "threshold", operator: "eq", value: DEFAULT_PERCENT }] },
    syncWithLocation: true,
    errorNotification: false, // the page shows a failure itself, with Retry
  });
  const fromUrl = Number(getDefaultFilter("threshold", filters, "eq") ?? DEFAULT_PERCENT);
  const [percent, setPercent] = useState<number>(fromUrl);
  useEffect(() => setPercent(fromUrl), [fromUrl]);
  // Ask once the user stops typing, not on every keystroke.
  useEffect(() => {
    if (percent === fromUrl) return;
    const timer = setTimeout(() => setFilters([{ field: "threshold", operator: "eq", value: percent }], "replace"), 400);
    return () => clearTimeout(timer);
  }, [percent, fromUrl, setFilters]);

  return (
    <ReadPage title="Near-quota alerts" queries={[tableQuery]} meta={tableQuery.data?.meta} errorTitle="Could not load the alerts">
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
      <Table
        {...tableProps}
        columns={COLUMNS}
        rowKey="restaurantId"
        size="middle"
        scroll={{ x: 640 }}
        locale={{ emptyText: "No restaurant is at this threshold." }}
      />
    </ReadPage>
  );
}
