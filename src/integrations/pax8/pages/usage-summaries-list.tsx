import { getDefaultSortOrder, useTable } from "@refinedev/antd";
import { useList } from "@refinedev/core";
import { Form, Grid, Input, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { filterValue } from "../../../client/data-provider";
import { ReadPage } from "../../../client/read-page";
import { NotFound } from "../../../client/status-pages";
import { chargesByCurrency } from "../charges";
import type { Subscription, UsageSummary } from "../contract";
import { pax8Read } from "../data-provider";
import { MAX_PAGE_SIZE } from "../limits";
import { fieldErrorsOf, isNotFound } from "../mapping";
import { Money, moneyColumn, PAGE_SIZES, ShortId, summaryPath, TrialTag } from "./cells";

/** A filter input that shows the server's reason beside it when the value is refused. */
type FilterProps = { label: string; value?: string; error?: string; placeholder: string; onSearch: (v: string) => void };
function FilterInput({ label, value, error, placeholder, onSearch }: FilterProps) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  return (
    <Form.Item label={label} validateStatus={error ? "error" : undefined} help={error} style={{ marginBottom: 8, minWidth: 240, flex: "1 1 240px" }}>
      <Input.Search
        aria-label={label}
        allowClear
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(v) => onSearch(v.trim())}
      />
    </Form.Item>
  );
}

/** /pax8/subscriptions/:subscriptionId/usage-summaries: filters, sort, page size, all in the URL. */
export default function UsageSummariesList() {
  const { subscriptionId = "" } = useParams();
  const { tableProps, tableQuery, filters, setFilters, sorters } = useTable<UsageSummary>({
    ...pax8Read("summaries"),
    meta: { subscriptionId },
    pagination: { pageSize: 10 },
    sorters: { initial: [{ field: "currentCharges", order: "desc" }] },
    syncWithLocation: true,
  });
  const subscriptions = useList<Subscription>({
    ...pax8Read("subscriptions"),
    pagination: { currentPage: 1, pageSize: MAX_PAGE_SIZE },
  });
  const subscription = subscriptions.result.data.find((s) => s.id === subscriptionId);
  // Below md, vendor, company and trial give way to the money columns.
  const wide = Grid.useBreakpoint().md ?? true;

  if (isNotFound(tableQuery.error)) return <NotFound what="This Pax8 subscription" />;
  const fieldErrors = fieldErrorsOf(tableQuery.error);
  // A refused filter is said beside its input; any other failure replaces the table.
  const refused = Object.keys(fieldErrors).length > 0;
  const filter = (field: string) => (value: string) => setFilters([{ field, operator: "eq", value: value || undefined }]);
  const sorted = (field: keyof UsageSummary & string) => ({ sorter: true, defaultSortOrder: getDefaultSortOrder(field, sorters) });
  const columns: ColumnsType<UsageSummary> = [
    {
      dataIndex: "resourceGroup",
      title: "Resource group",
      ...sorted("resourceGroup"),
      render: (v: string | undefined, s) => <Link to={summaryPath(s.id)}>{v || "(no resource group)"}</Link>,
    },
    { dataIndex: "vendorName", title: "Vendor", responsive: ["md"], render: (v: string | undefined) => v ?? "—" },
    { dataIndex: "companyId", title: "Company", responsive: ["md"], render: (id: string | undefined) => <ShortId id={id} /> },
    moneyColumn<UsageSummary>("currentCharges", "Current charges", sorted("currentCharges")),
    moneyColumn<UsageSummary>("partnerTotal", "Partner total", sorted("partnerTotal")),
    { dataIndex: "isTrial", title: "Trial", responsive: ["md"], render: (v: boolean | undefined) => <TrialTag trial={v} /> },
  ];

  return (
    <ReadPage
      title={subscription?.productName ?? "Usage summaries"}
      subtitle="Usage summaries of this subscription: charges for the current month, in each summary's currency."
      queries={[{ ...tableQuery, isError: tableQuery.isError && !refused }]}
      meta={tableQuery.data?.meta}
      errorTitle="Could not load the usage summaries"
      actions={<Link to="/pax8">← Pax8 subscriptions</Link>}
    >
      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: 12 }} onSubmitCapture={(e) => e.preventDefault()}>
        <FilterInput
          label="Resource group"
          placeholder="e.g. rg-ironcloud-prod"
          value={filterValue(filters, "resourceGroup")}
          error={fieldErrors.resourceGroup}
          onSearch={filter("resourceGroup")}
        />
        <FilterInput
          label="Company ID"
          placeholder="a company's UUID"
          value={filterValue(filters, "companyId")}
          error={fieldErrors.companyId}
          onSearch={filter("companyId")}
        />
      </Form>
      <Table
        {...tableProps}
        columns={columns}
        dataSource={refused ? [] : tableProps.dataSource}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES }}
        rowKey="id"
        scroll={{ x: "max-content" }}
        size="middle"
        locale={{ emptyText: "No usage summary matches these filters." }}
        summary={() =>
          chargesByCurrency(tableQuery.data?.data ?? []).map((t) => (
            <Table.Summary.Row key={t.currency} data-testid={`pax8-total-${t.currency}`}>
              <Table.Summary.Cell index={0} colSpan={wide ? 3 : 1}>
                <strong>Total on this page ({t.currency})</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Money amount={t.currentCharges} currency={t.currency} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Money amount={t.partnerTotal} currency={t.currency} />
              </Table.Summary.Cell>
              {wide && <Table.Summary.Cell index={5} />}
            </Table.Summary.Row>
          ))
        }
      />
    </ReadPage>
  );
}
