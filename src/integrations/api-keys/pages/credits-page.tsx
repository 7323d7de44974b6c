import { useTable } from "@refinedev/antd";
import { useList } from "@refinedev/core";
import { Card, Flex, Table, Tag, Typography } from "antd";
import { errorMessage } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import type { CreditBalance, LedgerEntry } from "../api";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { signedCredits } from "../view";

const Shortfall = ({ n }: { n: number }) => (n > 0 ? <Tag color="red">{formatNumber(n)} short</Tag> : <Typography.Text type="secondary">—</Typography.Text>);

/** /api-keys/credits: each user's balance (never below zero; what could not be taken is the shortfall) and the ledger, newest first. */
export default function CreditsPage() {
  const balances = useList<CreditBalance & { id: string }>({
    resource: API_KEYS_RESOURCES.credits,
    dataProviderName: API_KEYS_PROVIDER,
    pagination: { mode: "off" },
  });
  const { tableProps, tableQuery } = useTable<LedgerEntry>({
    resource: API_KEYS_RESOURCES.ledger,
    dataProviderName: API_KEYS_PROVIDER,
    pagination: { pageSize: 20 },
    syncWithLocation: false,
  });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Credits
      </Typography.Title>
      <Card title="Balance per user">
        {balances.query.isError ? (
          <ErrorState compact message={errorMessage(balances.query.error)} onRetry={() => balances.query.refetch()} />
        ) : (
          <Table<CreditBalance>
            dataSource={balances.result?.data ?? []}
            rowKey="user_id"
            loading={balances.query.isLoading}
            pagination={false}
            size="small"
            scroll={{ x: 360 }}
            data-testid="credit-balances"
            locale={{ emptyText: "No user has been synced yet." }}
          >
            <Table.Column<CreditBalance> title="User" dataIndex="user_id" />
            <Table.Column<CreditBalance> title="Balance" dataIndex="balance" align="right" render={(n: number) => formatNumber(n)} />
            <Table.Column<CreditBalance> title="Shortfall" dataIndex="shortfall" render={(n: number) => <Shortfall n={n} />} />
            <Table.Column<CreditBalance>
              title="Updated"
              dataIndex="updated_at"
              responsive={["md"]}
              render={(at: string) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>}
            />
          </Table>
        )}
      </Card>
      <Card title="Ledger, newest first">
        {tableQuery.isError ? (
          <ErrorState compact message={errorMessage(tableQuery.error)} onRetry={() => tableQuery.refetch()} />
        ) : (
          <Table<LedgerEntry> {...tableProps} rowKey="id" size="small" scroll={{ x: 360 }} data-testid="credit-ledger">
            <Table.Column<LedgerEntry> title="When" dataIndex="at" render={(at: string) => formatDateTime(at)} />
            <Table.Column<LedgerEntry> title="User" dataIndex="user_id" />
            <Table.Column<LedgerEntry> title="Credits" key="credits" align="right" render={(_, e) => signedCredits(e.kind, e.applied, formatNumber)} />
            <Table.Column<LedgerEntry> title="Shortfall" dataIndex="shortfall" render={(n: number) => <Shortfall n={n} />} />
            <Table.Column<LedgerEntry>
              title="Balance after"
              dataIndex="balance_after"
              align="right"
              responsive={["sm"]}
              render={(n: number) => formatNumber(n)}
            />
            <Table.Column<LedgerEntry>
              title="Task"
              dataIndex="task_id"
              responsive={["md"]}
              render={(id: string | null, e) => id ?? (e.kind === "grant" ? "Starting credits" : "—")}
            />
          </Table>
        )}
      </Card>
    </Flex>
  );
}
