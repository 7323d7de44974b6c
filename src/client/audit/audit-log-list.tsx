import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import type { CrudFilter } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { DatePicker, Flex, Select, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { ErrorState } from "../../ui/error-state";
import { formatDateTime, formatRelative } from "../../ui/format";
import { errorMessage, http } from "../http";

export interface AuditEntry {
  id: number;
  at: string;
  actor_email: string | null;
  action: string;
  target: string | null;
  reason: string | null;
  outcome: "success" | "failure";
  request_id: string | null;
  details: Record<string, unknown> | null;
}

/** The date-range filter as simple-rest's `at_gte` / `at_lte`. */
export function dateRangeFilters(range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null): CrudFilter[] {
  return [
    { field: "at", operator: "gte", value: range?.[0] ? range[0].startOf("day").toISOString() : undefined },
    { field: "at", operator: "lte", value: range?.[1] ? range[1].endOf("day").toISOString() : undefined },
  ];
}

export default function AuditLogList() {
  const { tableProps, filters, setFilters, tableQuery } = useTable<AuditEntry>({
    resource: "audit-logs",
    sorters: { initial: [{ field: "id", order: "desc" }] },
    filters: { initial: [] },
    pagination: { pageSize: 25 },
    syncWithLocation: true,
  });
  const actions = useQuery({ queryKey: ["audit-actions"], queryFn: async () => (await http.get<string[]>("/audit-logs/actions")).data });
  const action = getDefaultFilter("action", filters, "eq") as string | undefined;
  const from = filters.find((f) => "field" in f && f.field === "at" && f.operator === "gte")?.value as string | undefined;
  const to = filters.find((f) => "field" in f && f.field === "at" && f.operator === "lte")?.value as string | undefined;

  return (
    <List title="Audit log" breadcrumb={false}>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder="Every action"
          aria-label="Action"
          style={{ minWidth: 200 }}
          value={action}
          options={(actions.data ?? []).map((a) => ({ value: a, label: a }))}
          onChange={(value) => setFilters([{ field: "action", operator: "eq", value }])}
        />
        <DatePicker.RangePicker
          aria-label="Date range"
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => setFilters(dateRangeFilters(range))}
        />
      </Flex>
      {tableQuery.isError ? (
        <ErrorState message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
      ) : (
        <Table {...tableProps} rowKey="id" scroll={{ x: 720 }} size="middle">
          <Table.Column<AuditEntry> dataIndex="at" title="When" sorter render={(at: string) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>} />
          <Table.Column<AuditEntry> dataIndex="actor_email" title="Who" render={(v: string | null) => v ?? "—"} />
          <Table.Column<AuditEntry> dataIndex="action" title="Action" render={(v: string) => <Tag>{v}</Tag>} />
          <Table.Column<AuditEntry> dataIndex="target" title="Target" render={(v: string | null) => v ?? "—"} />
          <Table.Column<AuditEntry> dataIndex="reason" title="Reason" render={(v: string | null) => v ?? "—"} />
          <Table.Column<AuditEntry>
            dataIndex="outcome"
            title="Outcome"
            render={(v: AuditEntry["outcome"]) => <Tag color={v === "success" ? "green" : "red"}>{v}</Tag>}
          />
          <Table.Column<AuditEntry>
            dataIndex="request_id"
            title="Request"
            render={(v: string | null) => (
              <Typography.Text type="secondary" copyable={v ? { text: v } : false}>
                {v ? v.slice(0, 8) : "—"}
              </Typography.Text>
            )}
          />
        </Table>
      )}
    </List>
  );
}
