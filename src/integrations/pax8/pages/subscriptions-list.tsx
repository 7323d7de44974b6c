import { List, useTable } from "@refinedev/antd";
import { Table, Tag, Typography } from "antd";
import { useEffect } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { formatDate, formatNumber } from "../../../ui/format";
import { markDataOnScreen } from "../../../ui/marks";
import type { Subscription } from "../contract";
import { PAX8_PROVIDER, PAX8_RESOURCES } from "../data-provider";
import { MAX_PAGE_SIZE } from "../limits";
import { Money, ShortId } from "./cells";

export const summariesPath = (subscriptionId: string) => `/pax8/subscriptions/${subscriptionId}/usage-summaries`;
export const PAGE_SIZES = [10, 20, 50, 100, MAX_PAGE_SIZE];

const STATUS_COLOURS: Record<string, string> = { Active: "green", Trial: "cyan", Cancelled: "default", PendingCancel: "orange" };

/** /pax8: the partner's subscriptions; choosing one opens its usage summaries. */
export default function SubscriptionsList() {
  const { tableProps, tableQuery } = useTable<Subscription>({
    resource: PAX8_RESOURCES.subscriptions,
    dataProviderName: PAX8_PROVIDER,
    pagination: { pageSize: 20 },
    syncWithLocation: true,
    errorNotification: false,
  });
  useEffect(() => {
    if (tableQuery.data) markDataOnScreen();
  }, [tableQuery.data]);

  return (
    <List title="Pax8 subscriptions" breadcrumb={false}>
      <Typography.Paragraph type="secondary">Choose a subscription to see its usage summaries for this month.</Typography.Paragraph>
      {tableQuery.isError ? (
        <ErrorState title="Could not load the Pax8 subscriptions" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
      ) : (
        <Table
          {...tableProps}
          pagination={{ ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES }}
          rowKey="id"
          scroll={{ x: 760 }}
          size="middle"
        >
          <Table.Column<Subscription>
            dataIndex="productName"
            title="Product"
            render={(name: string | undefined, s) => <Link to={summariesPath(s.id)}>{name ?? s.id}</Link>}
          />
          <Table.Column<Subscription> dataIndex="companyId" title="Company" render={(id: string | undefined) => <ShortId id={id} />} />
          <Table.Column<Subscription>
            dataIndex="status"
            title="Status"
            render={(v: string | undefined) => (v ? <Tag color={STATUS_COLOURS[v] ?? "blue"}>{v}</Tag> : "—")}
          />
          <Table.Column<Subscription> dataIndex="billingTerm" title="Billing term" render={(v: string | undefined) => v ?? "—"} />
          <Table.Column<Subscription> dataIndex="quantity" title="Quantity" align="right" render={(v: number | undefined) => formatNumber(v)} />
          <Table.Column<Subscription>
            dataIndex="price"
            title="Price"
            align="right"
            render={(v: number | undefined, s) => <Money amount={v} currency={s.currencyCode} />}
          />
          <Table.Column<Subscription> dataIndex="startDate" title="Started" render={(v: string | undefined) => formatDate(v)} />
        </Table>
      )}
    </List>
  );
}
