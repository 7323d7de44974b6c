import { ReloadOutlined } from "@ant-design/icons";
import { List, useTable } from "@refinedev/antd";
import { useCan } from "@refinedev/core";
import { Alert, Button, Card, Flex, Grid, Pagination, Table, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../client/http";
import { useRefresh } from "../../../client/use-refresh";
import { ErrorState } from "../../../ui/error-state";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import { markDataOnScreen } from "../../../ui/marks";
import { StatusTag } from "../../../ui/status-tag";
import type { ReadMeta } from "../../usage";
import type { RestaurantUsage } from "../contract";
import { RESOURCES } from "../data-provider";
import { figuresOf, type Renewed, withRenewals } from "../model";
import { markRows } from "./queries";
import { RenewDialog, type RenewTarget } from "./renew-dialog";
import { ActiveTag, Remaining, TopUps, UsageBadges, UsageBar, UsedOfLimit } from "./usage-cells";

const showPath = (id: string) => `/restaurants/${encodeURIComponent(id)}`;

/** The Renew +1000 button of one row, for those who may renew (the dialog is modal: one renewal at a time). */
function RenewButton({ row, onClick }: { row: RestaurantUsage; onClick: () => void }) {
  const unlimited = row.allowance.monthlyLimit === -1;
  return (
    <Button
      size="small"
      onClick={onClick}
      disabled={unlimited}
      title={unlimited ? "Unlimited plans need no renewal" : undefined}
      aria-label={`Renew +1000 for ${row.restaurantName}`}
    >
      Renew +1000
    </Button>
  );
}

/** /restaurants: the allowance of every restaurant, a page at a time from the upstream. */
export default function RestaurantList() {
  const { tableProps, tableQuery, currentPage, setCurrentPage, pageSize, setPageSize } = useTable<RestaurantUsage>({
    resource: RESOURCES.list,
    pagination: { pageSize: 20 },
    syncWithLocation: true,
    // The page shows a failure itself, with Retry.
    errorNotification: false,
  });
  const canRenew = useCan({ resource: RESOURCES.list, action: "renew" }).data?.can ?? false;
  const wide = Grid.useBreakpoint().md ?? true;
  const [target, setTarget] = useState<RenewTarget | null>(null);
  const [renewed, setRenewed] = useState<Record<string, Renewed>>({});
  const meta = tableQuery.data?.meta as ReadMeta | undefined;

  const rows = useMemo(
    () => withRenewals(tableQuery.data?.data ?? [], renewed, tableQuery.dataUpdatedAt),
    [tableQuery.data, tableQuery.dataUpdatedAt, renewed],
  );
  const offset = (currentPage - 1) * pageSize;

  useEffect(() => {
    if (!tableQuery.data) return;
    markDataOnScreen();
    markRows(offset);
  }, [tableQuery.data, offset]);

  // Asks the upstream again (the server's cache is bypassed) and shows that answer: one request.
  const { refresh, refreshing } = useRefresh(tableQuery);

  const renewButton = (row: RestaurantUsage) =>
    canRenew ? <RenewButton row={row} onClick={() => setTarget({ restaurantId: row.restaurantId, restaurantName: row.restaurantName })} /> : null;

  return (
    <List
      title="Restaurants"
      breadcrumb={false}
      headerButtons={
        <Button icon={<ReloadOutlined />} onClick={refresh} loading={refreshing}>
          Refresh
        </Button>
      }
    >
      <Flex vertical gap={12}>
        {meta?.demo && (
          <div>
            <StatusTag status="demo" />
          </div>
        )}
        {meta?.stale && <Alert type="warning" showIcon message={meta.message ?? "Showing the last known figures."} />}
        {tableQuery.isError ? (
          <ErrorState title="Could not load the restaurants" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
        ) : wide ? (
          <Table {...tableProps} dataSource={rows} rowKey="restaurantId" size="middle" scroll={{ x: 1200 }}>
            <Table.Column<RestaurantUsage>
              title="Restaurant"
              dataIndex="restaurantName"
              render={(name: string, r) => <Link to={showPath(r.restaurantId)}>{name}</Link>}
            />
            <Table.Column<RestaurantUsage>
              title="Conversations this month"
              dataIndex="conversationsThisMonth"
              align="right"
              render={(n: number) => formatNumber(n)}
            />
            <Table.Column<RestaurantUsage> title="Used / limit" key="limit" render={(_, r) => <UsedOfLimit f={figuresOf(r)} />} />
            <Table.Column<RestaurantUsage> title="Remaining" key="remaining" align="right" render={(_, r) => <Remaining f={figuresOf(r)} />} />
            <Table.Column<RestaurantUsage> title="Usage" key="usage" width={170} render={(_, r) => <UsageBar f={figuresOf(r)} name={r.restaurantName} />} />
            <Table.Column<RestaurantUsage> title="Top-ups this month" dataIndex="adjustedBy" render={(n: number) => <TopUps adjustedBy={n} />} />
            <Table.Column<RestaurantUsage> title="Status" key="status" render={(_, r) => <UsageBadges f={figuresOf(r)} isActive={r.isActive} />} />
            <Table.Column<RestaurantUsage>
              title="Last conversation"
              dataIndex="lastConversationAt"
              render={(at: string | null) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>}
            />
            <Table.Column<RestaurantUsage> title="Active" dataIndex="isActive" render={(a: boolean) => <ActiveTag isActive={a} />} />
            {canRenew && <Table.Column<RestaurantUsage> title="" key="renew" fixed="right" render={(_, r) => renewButton(r)} />}
          </Table>
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
      </Flex>
      <RenewDialog
        target={target}
        onClose={() => setTarget(null)}
        onRenewed={(outcome) => setRenewed((prev) => ({ ...prev, [outcome.restaurantId]: { outcome, at: Date.now() } }))}
      />
    </List>
  );
}

/** A row as a card, for narrow screens. */
function RestaurantCard({ row, action }: { row: RestaurantUsage; action: React.ReactNode }) {
  const f = figuresOf(row);
  return (
    <Card size="small" data-testid="restaurant-card">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8}>
          <Link to={showPath(row.restaurantId)} style={{ fontWeight: 600 }}>
            {row.restaurantName}
          </Link>
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
