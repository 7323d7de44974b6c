import { useTable } from "@refinedev/antd";
import { useList } from "@refinedev/core";
import { DatePicker, Empty, Flex, Form, Select, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs from "dayjs";
import { filterValue } from "../../../client/data-provider";
import { errorMessage } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { formatNumber } from "../../../ui/format";
import type { UsageLine } from "../contract";
import { pax8Read } from "../data-provider";
import { MAX_PAGE_SIZE } from "../limits";
import { fieldErrorsOf } from "../mapping";
import { moneyColumn, PAGE_SIZES, TrialTag } from "./cells";

const DATE = "YYYY-MM-DD";
const wideOnly = { responsive: ["md" as const] };

const columnsOf = (currency: string | undefined): ColumnsType<UsageLine> => [
  { dataIndex: "productName", title: "Product", render: (v: string | undefined) => v ?? "—" },
  { dataIndex: "unitOfMeasure", title: "Unit", ...wideOnly, render: (v: string | undefined) => v ?? "—" },
  { dataIndex: "quantity", title: "Quantity", align: "right", render: (v: number | undefined) => formatNumber(v) },
  moneyColumn<UsageLine>("unitPrice", "Unit price", wideOnly, currency),
  moneyColumn<UsageLine>("currentCharges", "Charges", {}, currency),
  moneyColumn<UsageLine>("partnerTotal", "Partner total", wideOnly, currency),
  moneyColumn<UsageLine>("currentProfit", "Profit", wideOnly, currency),
  { dataIndex: "isTrial", title: "Trial", ...wideOnly, render: (v: boolean | undefined) => <TrialTag trial={v} /> },
];

/** The usage lines of one summary for one day: date picker, product filter, pages; all in the URL. */
export function UsageLines({ summaryId, currency }: { summaryId: string; currency: string | undefined }) {
  const { tableProps, tableQuery, filters, setFilters } = useTable<UsageLine>({
    ...pax8Read("lines"),
    meta: { usageSummaryId: summaryId },
    pagination: { pageSize: 10 },
    filters: { initial: [{ field: "usageDate", operator: "eq", value: dayjs().format(DATE) }] },
    syncWithLocation: true,
  });
  const usageDate = filterValue(filters, "usageDate");
  const productId = filterValue(filters, "productId");
  // The day's products (unfiltered) name the choices of the product filter.
  const products = useList<UsageLine>({
    ...pax8Read("lines"),
    meta: { usageSummaryId: summaryId },
    filters: [{ field: "usageDate", operator: "eq", value: usageDate }],
    pagination: { currentPage: 1, pageSize: MAX_PAGE_SIZE },
    queryOptions: { enabled: Boolean(usageDate), retry: false },
  });
  const options = products.result.data.map((l) => ({ value: l.productId ?? "", label: l.productName ?? l.productId ?? "" }));
  const errors = fieldErrorsOf(tableQuery.error);

  return (
    <Flex vertical gap={12} style={{ marginTop: 24 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        Usage lines
      </Typography.Title>
      <Form layout="vertical" style={{ display: "flex", flexWrap: "wrap", gap: 12 }}>
        <Form.Item label="Usage date" validateStatus={errors.usageDate ? "error" : undefined} help={errors.usageDate} style={{ marginBottom: 8 }}>
          <DatePicker
            aria-label="Usage date"
            allowClear={false}
            value={usageDate && dayjs(usageDate, DATE, true).isValid() ? dayjs(usageDate, DATE) : null}
            disabledDate={(d) => d.isAfter(dayjs(), "day")}
            onChange={(d) =>
              setFilters([
                { field: "usageDate", operator: "eq", value: d ? d.format(DATE) : undefined },
                { field: "productId", operator: "eq", value: undefined },
              ])
            }
          />
        </Form.Item>
        <Form.Item
          label="Product"
          validateStatus={errors.productId ? "error" : undefined}
          help={errors.productId}
          style={{ marginBottom: 8, minWidth: 260, flex: "1 1 260px" }}
        >
          <Select
            aria-label="Product"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="Every product"
            value={productId}
            options={options}
            loading={products.query.isLoading}
            onChange={(value) => setFilters([{ field: "productId", operator: "eq", value }])}
          />
        </Form.Item>
      </Form>
      {tableQuery.isError && !Object.keys(errors).length ? (
        <ErrorState compact title="Could not load the usage lines" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
      ) : (
        <Table
          {...tableProps}
          columns={columnsOf(currency)}
          dataSource={tableQuery.isError ? [] : tableProps.dataSource}
          pagination={{ ...tableProps.pagination, showSizeChanger: true, pageSizeOptions: PAGE_SIZES }}
          rowKey={(l) => `${l.productId}:${l.usageDate}`}
          scroll={{ x: "max-content" }}
          size="small"
          locale={{ emptyText: <Empty description={`No usage recorded on ${usageDate ?? "this date"}.`} /> }}
        />
      )}
    </Flex>
  );
}
