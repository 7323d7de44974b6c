import { useTable } from "@refinedev/antd";
import { useCan } from "@refinedev/core";
import { Button, Card, Flex, Grid, Pagination, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { ReadPage } from "../../../client/read-page";
import { formatNumber, formatRelative } from "../../../ui/format";
import type { RestaurantUsage } from "../contract";
import { RESOURCES } from "../data-provider";
import { type Figures, figuresOf, type Renewed, withRenewals } from "../model";
import { markRows } from "./queries";
import { RenewDialog, type RenewTarget } from "./renew-dialog";
import { ActiveTag, Ago, Remaining, TopUps, UsageBadges, UsageBar, UsedOfLimit } from "./usage-cells";

const NameLink = ({ r }: { r: RestaurantUsage }) => <Link to={`/restaurants/${encodeURIComponent(r.restaurantId)}`}>{r.restaurantName}</Link>;
/** A cell drawn from a row's figures. */
const fig = (cell: (f: Figures, r: RestaurantUsage) => ReactNode) => (_: unknown, r: RestaurantUsage) => cell(figuresOf(r), r);

const COLUMNS: ColumnsType<RestaurantUsage> = [
  { title: "Restaurant", key: "name", render: (_, r) => <NameLink r={r} /> },
  { title: "Conversations this month", dataIndex: "conversationsThisMonth", align: "right", render: (n: number) => formatNumber(n) },
  { title: "Used / limit", key: "limit", render: fig((f) => <UsedOfLimit f={f} />) },
  { title: "Remaining", key: "remaining", align: "right", render: fig((f) => <Remaining f={f} />) },
  { title: "Usage", key: "usage", width: 170, render: fig((f, r) => <UsageBar f={f} name={r.restaurantName} />) },
  { title: "Top-ups this month", dataIndex: "adjustedBy", render: (n: number) => <TopUps adjustedBy={n} /> },
  { title: "Status", key: "status", render: fig((f, r) => <UsageBadges f={f} isActive={r.isActive} />) },
  { title: "Last conversation", dataIndex: "lastConversationAt", render: (at: string | null) => <Ago at={at} /> },
  { title: "Active", dataIndex: "isActive", render: (a: boolean) => <ActiveTag isActive={a} /> },
];

/** /restaurants: the allowance of every restaurant, a page at a time from the upstream; Renew +1000 for those who may. */
export default function RestaurantList() {
  const { tableProps, tableQuery, currentPage, setCurrentPage, pageSize, setPageSize } = useTable<RestaurantUsage>({
    resource: RESOURCES.list,
    pagination: { pageSize: 20 },
    syncWithLocation: true,
    errorNotification: false, // the page shows a failure itself, with Retry
  });
  const canRenew = useCan({ resource: RESOURCES.list, action: "renew" }).data?.can ?? false;
  const wide = Grid.useBreakpoint().md ?? true;
  const [target, setTarget] = useState<RenewTarget | null>(null);
  const [renewed, setRenewed] = useState<Record<string, Renewed>>({});
  const rows = useMemo(
    () => withRenewals(tableQuery.data?.data ?? [], renewed, tableQuery.dataUpdatedAt),
    [tableQuery.data, tableQuery.dataUpdatedAt, renewed],
  );
  const offset = (currentPage - 1) * pageSize;
  useEffect(() => {
    if (tableQuery.data) markRows(offset);
  }, [tableQuery.data, offset]);

  // The dialog is modal: one renewal at a time.
  const renewButton = (r: RestaurantUsage) => {
    if (!canRenew) return null;
    const unlimited = r.allowance.monthlyLimit === -1;
    return (
      <Button
        size="small"
        onClick={() => setTarget(r)}
        disabled={unlimited}
        title={unlimited ? "Unlimited plans need no renewal" : undefined}
        aria-label={`Renew +1000 for ${r.restaurantName}`}
      >
        Renew +1000
      </Button>
    );
  };
  const columns = canRenew
    ? [...COLUMNS, { title: "", key: "renew", fixed: "right" as const, render: (_: unknown, r: RestaurantUsage) => renewButton(r) }]
    : COLUMNS;

  return (
    <>
      <ReadPage title="Restaurants" queries={[tableQuery]} meta={tableQuery.data?.meta} errorTitle="Could not load the restaurants">
        {wide ? (
          <Table {...tableProps} dataSource={rows} columns={columns} rowKey="restaurantId" size="middle" scroll={{ x: 1200 }} />
        ) : (
          <Flex vertical gap={8} aria-busy={tableQuery.isLoading}>
            {rows.map((r) => (
              <RestaurantCard key={r.restaurantId} row={r} action={renewButton(r)} />
            ))}
            <Pagination
              simple
              current={currentPage}
              pageSize={pageSize}
              total={tableQuery.data?.total ?? 0}
              onChange={(page, size) => {
                if (size !== pageSize) setPageSize(size);
                setCurrentPage(page);
              }}
              style={{ alignSelf: "center" }}
            />
          </Flex>
        )}
      </ReadPage>
      {/* Outside the page's content: a failed read of the list must not close a renewal under way. */}
      <RenewDialog
        target={target}
        onClose={() => setTarget(null)}
        onRenewed={(outcome) => setRenewed((prev) => ({ ...prev, [outcome.restaurantId]: { outcome, at: Date.now() } }))}
      />
    </>
  );
}

/** A row as a card, for narrow screens. */
function RestaurantCard({ row, action }: { row: RestaurantUsage; action: ReactNode }) {
  const f = figuresOf(row);
  return (
    <Card size="small" data-testid="restaurant-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8}>
          <strong>
            <NameLink r={row} />
          </strong>
          <UsageBadges f={f} isActive={row.isActive} />
        </Flex>
        <UsageBar f={f} name={row.restaurantName} />
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text>
            <UsedOfLimit f={f} /> {row.adjustedBy > 0 && <TopUps adjustedBy={row.adjustedBy} />}
            {!f.unlimited && (
              <Typography.Text type="secondary">
                {" "}
                · <Remaining f={f} /> left
              </Typography.Text>
            )}
          </Typography.Text>
          <Typography.Text type="secondary">{formatRelative(row.lastConversationAt)}</Typography.Text>
        </Flex>
        {action}
      </Flex>
    </Card>
  );
}
