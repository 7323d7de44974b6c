import { Flex, Table, Tag } from "antd";
import { BarChart } from "../../../ui/bar-chart";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import type { ApiUsageMetrics, Purpose, PurposeUsage as Row } from "../contract";
import { byPurpose } from "../mapping";
import { PURPOSE_COLOURS, purposeBars } from "../view";

/** An integration type as a coloured tag, the same in every table. */
export const PurposeTag = ({ purpose }: { purpose: string }) => <Tag color={PURPOSE_COLOURS[purpose as Purpose] ?? "default"}>{purpose}</Tag>;

/** Per purpose: requests by integration type in the range, as a table and as bars. */
export function PurposeUsage({ metrics, types, loading }: { metrics: ApiUsageMetrics | undefined; types: string[]; loading: boolean }) {
  const rows = byPurpose(metrics?.purposes ?? [], types);
  return (
    <Flex vertical gap={16} data-testid="purpose-usage">
      <BarChart title="Requests per integration type" data={purposeBars(metrics, types)} />
      <Table<Row> dataSource={rows} rowKey="purpose" loading={loading} pagination={false} size="small">
        <Table.Column<Row> title="Integration type" dataIndex="purpose" render={(p: string) => <PurposeTag purpose={p} />} />
        <Table.Column<Row> title="Requests" dataIndex="total_requests" align="right" render={(n: number) => formatNumber(n)} />
        <Table.Column<Row>
          title="Last used"
          dataIndex="last_used_at"
          render={(at: string | null) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>}
        />
      </Table>
    </Flex>
  );
}
