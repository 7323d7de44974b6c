import { getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { useList } from "@refinedev/core";
import { Form, Grid, Input, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { filterValue } from "../../../client/data-provider";
import { errorMessage } from "../../../client/http";
import { NotFound } from "../../../client/status-pages";
import { ErrorState } from "../../../ui/error-state";
import { markDataOnScreen } from "../../../ui/marks";
import { chargesByCurrency } from "../charges";
import type { Subscription, UsageSummary } from "../contract";
import { PAX8_PROVIDER, PAX8_RESOURCES } from "../data-provider";
import { MAX_PAGE_SIZE } from "../limits";
import { fieldErrorsOf, isNotFound } from "../mapping";
import { Money, ShortId, TrialTag } from "./cells";
import { RefreshBar } from "./refresh-bar";
import { PAGE_SIZES } from "./subscriptions-list";

export const summaryPath = (id: string) => `/pax8/usage-summaries/${id}`;

/** A filter input that shows the server's reason beside it when the value is refused. */
function FilterInput({
  label,
  value,
  error,
  placeholder,
  onSearch,
}: {
  label: string;
  value?: string;
  error?: string;
  placeholder: string;
  onSearch: (v: string) => void;
}) {
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
    resource: PAX8_RESOURCES.summaries,
    dataProviderName: PAX8_PROVIDER,
    meta: { subscriptionId },
    pagination: { pageSize: 10 },
    sorters: { initial: [{ field: "currentCharges", order: "desc" }] },
    syncWithLocation: true,
    errorNotification: false,
  });
  const subscriptions = useList<Subscription>({
    resource: PAX8_RESOURCES.subscriptions,
    dataProviderName: PAX8_PROVIDER,
    pagination: { currentPage: 1, pageSize: MAX_PAGE_SIZE },
    errorNotification: false,
  });
  const subscription = subscriptions.result.data.find((s) => s.id === subscriptionId);
  const rows = tableQuery.data?.data ?? [];
  // Below md, vendor, company and trial give way to the money columns.
  const wide = Grid.useBreakpoint().md ?? true;
  useEffect(() => {
    if (tableQuery.data) markDataOnScreen();
  }, [tableQuery.data]);

  if (isNotFound(tableQuery.error)) return <NotFound what="This Pax8 subscription" />;
  const fieldErrors = fieldErrorsOf(tableQuery.error);
  const filter = (field: string) => (value: string) => setFilters([{ field, operator: "eq", value: value || undefined }]);

  return (
    <List
      title={subscription?.productName ?? "Usage summaries"}
      breadcrumb={<Link to="/pax8">← Pax8 subscriptions</Link>}
      headerButtons={() => <RefreshBar meta={tableQuery.data?.meta} queries={[tableQuery]} />}
    >
      <Typography.Paragraph type="secondary">
        Usage summaries of this subscription: charges for the current month, in each summary's currency.
      </Typography.Paragraph>
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
      {tableQuery.isError && !Object.keys(fieldErrors).length ? (
        <ErrorState title="Could not load the usage summaries" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
      ) : (
        <Table
          {...tableProps}
          dataSource={tableQuery.isError ? [] : tableProps.dataSource}
          pagination={{ ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES }}
          rowKey="id"
          scroll={{ x: "max-content" }}
          size="middle"
          locale={{ emptyText: "No usage summary matches these filters." }}
          summary={() =>
            chargesByCurrency(rows).map((t) => (
              <Table.Summary.Row key={t.currency} data-testid={`pax8-total-${t.currency}`}>
                <Table.Summary.Cell index={0} colSpan={wide ? 3 : 1}>
                  <strong>Total on this page ({t.currency})</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <strong>
                    <Money amount={t.currentCharges} currency={t.currency} />
                  </strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <Money amount={t.partnerTotal} currency={t.currency} />
                </Table.Summary.Cell>
                {wide && <Table.Summary.Cell index={5} />}
              </Table.Summary.Row>
            ))
          }
        >
          <Table.Column<UsageSummary>
            dataIndex="resourceGroup"
            title="Resource group"
            sorter
            defaultSortOrder={getDefaultSortOrder("resourceGroup", sorters)}
            render={(v: string | undefined, s) => <Link to={summaryPath(s.id)}>{v || "(no resource group)"}</Link>}
          />
          <Table.Column<UsageSummary> dataIndex="vendorName" title="Vendor" responsive={["md"]} render={(v: string | undefined) => v ?? "—"} />
          <Table.Column<UsageSummary> dataIndex="companyId" title="Company" responsive={["md"]} render={(id: string | undefined) => <ShortId id={id} />} />
          <Table.Column<UsageSummary>
            dataIndex="currentCharges"
            title="Current charges"
            align="right"
            sorter
            defaultSortOrder={getDefaultSortOrder("currentCharges", sorters)}
            render={(v: number | undefined, s) => <Money amount={v} currency={s.currencyCode} />}
          />
          <Table.Column<UsageSummary>
            dataIndex="partnerTotal"
            title="Partner total"
            align="right"
            sorter
            defaultSortOrder={getDefaultSortOrder("partnerTotal", sorters)}
            render={(v: number | undefined, s) => <Money amount={v} currency={s.currencyCode} />}
          />
          <Table.Column<UsageSummary> dataIndex="isTrial" title="Trial" responsive={["md"]} render={(v: boolean | undefined) => <TrialTag trial={v} />} />
        </Table>
      )}
    </List>
  );
}
