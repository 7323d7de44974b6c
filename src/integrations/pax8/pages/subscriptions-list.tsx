import { useTable } from "@refinedev/antd";
import { Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link } from "react-router";
import { ReadPage } from "../../../client/read-page";
import { formatDate, formatNumber } from "../../../ui/format";
import type { Subscription } from "../contract";
import { pax8Read } from "../data-provider";
import { moneyColumn, PAGE_SIZES, ShortId, summariesPath } from "./cells";

const STATUS_COLOURS: Record<string, string> = { Active: "green", Trial: "cyan", Cancelled: "default", PendingCancel: "orange" };

const COLUMNS: ColumnsType<Subscription> = [
  { dataIndex: "productName", title: "Product", render: (name: string | undefined, s) => <Link to={summariesPath(s.id)}>{name ?? s.id}</Link> },
  { dataIndex: "companyId", title: "Company", render: (id: string | undefined) => <ShortId id={id} /> },
  { dataIndex: "status", title: "Status", render: (v: string | undefined) => (v ? <Tag color={STATUS_COLOURS[v] ?? "blue"}>{v}</Tag> : "—") },
  { dataIndex: "billingTerm", title: "Billing term", render: (v: string | undefined) => v ?? "—" },
  { dataIndex: "quantity", title: "Quantity", align: "right", render: (v: number | undefined) => formatNumber(v) },
  moneyColumn<Subscription>("price", "Price"),
  { dataIndex: "startDate", title: "Started", render: (v: string | undefined) => formatDate(v) },
];

/** /pax8: the partner's subscriptions; choosing one opens its usage summaries. */
export default function SubscriptionsList() {
  const { tableProps, tableQuery } = useTable<Subscription>({
    ...pax8Read("subscriptions"),
    pagination: { pageSize: 20 },
    syncWithLocation: true,
  });
  return (
    <ReadPage
      title="Pax8 subscriptions"
      subtitle="Choose a subscription to see its usage summaries for this month."
      queries={[tableQuery]}
      meta={tableQuery.data?.meta}
      errorTitle="Could not load the Pax8 subscriptions"
    >
      <Table
        {...tableProps}
        columns={COLUMNS}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES }}
        rowKey="id"
        scroll={{ x: 760 }}
        size="middle"
      />
    </ReadPage>
  );
}
