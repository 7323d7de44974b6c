import { ReloadOutlined } from "@ant-design/icons";
import { List, useTable } from "@refinedev/antd";
import { Alert, Button, Empty, Flex, Table } from "antd";
import { errorMessage } from "../../../client/http";
import { useRefresh } from "../../../client/use-refresh";
import { ErrorState } from "../../../ui/error-state";
import { formatDateTime, formatNumber } from "../../../ui/format";
import { StatusTag } from "../../../ui/status-tag";
import type { ReadMeta } from "../../usage";
import { PAGE, RESOURCE } from "../api";
import type { Item } from "../contract";

/** /{{id}}: the upstream's items a page at a time, with Refresh (one request), demo and stale said, and Retry on failure. */
export default function {{Name}}List() {
  const { tableProps, tableQuery } = useTable<Item>({
    resource: RESOURCE,
    pagination: { pageSize: PAGE.default },
    syncWithLocation: true,
    // The page says a failure itself, with Retry.
    errorNotification: false,
  });
  const { refresh, refreshing } = useRefresh(tableQuery);
  const meta = tableQuery.data?.meta as ReadMeta | undefined;

  return (
    <List
      title="{{Title}}"
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
          <ErrorState title="Could not load {{Title}}" message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
        ) : (
          <Table {...tableProps} rowKey="id" size="middle" locale={{ emptyText: <Empty description="No items yet" /> }}>
            <Table.Column<Item> title="Name" dataIndex="name" />
            <Table.Column<Item> title="Used" dataIndex="used" align="right" render={(n: number) => formatNumber(n)} />
            <Table.Column<Item> title="Limit" dataIndex="limit" align="right" render={(n: number) => formatNumber(n)} />
            <Table.Column<Item> title="Updated" dataIndex="updatedAt" render={(at: string) => formatDateTime(at)} />
          </Table>
        )}
      </Flex>
    </List>
  );
}
