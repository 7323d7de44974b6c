import { useTable } from "@refinedev/antd";
import { useList } from "@refinedev/core";
import { Card, Table, Tag, Typography } from "antd";
import { errorMessage } from "../../../client/http";
import { ReadPage } from "../../../client/read-page";
import { ErrorState } from "../../../ui/error-state";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import type { CreditBalance, LedgerEntry } from "../api";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { signedCredits } from "../view";

const Shortfall = ({ n }: { n: number }) => (n > 0 ? <Tag color="red">{formatNumber(n)} short</Tag> : <Typography.Text type="secondary">—</Typography.Text>);
const number = (n: number) => formatNumber(n);

/** /api-keys/credits: each user's balance (never below zero; what could not be taken is the shortfall) and the ledger, newest first. */
export default function CreditsPage() {
  const provider = { dataProviderName: API_KEYS_PROVIDER };
  const balances = useList<CreditBalance & { id: string }>({ resource: API_KEYS_RESOURCES.credits, ...provider, pagination: { mode: "off" } });
  const ledger = useTable<LedgerEntry>({ resource: API_KEYS_RESOURCES.ledger, ...provider, pagination: { pageSize: 20 }, syncWithLocation: false });
  const ledgerQuery = ledger.tableQuery;

  return (
    <ReadPage title="Credits" queries={[balances.query, ledgerQuery]} meta={balances.result?.meta} errorTitle="Could not load the credits">
      <Card title="Balance per user">
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
          <Table.Column<CreditBalance> title="Balance" dataIndex="balance" align="right" render={number} />
          <Table.Column<CreditBalance> title="Shortfall" dataIndex="shortfall" render={(n: number) => <Shortfall n={n} />} />
          <Table.Column<CreditBalance>
            title="Updated"
            dataIndex="updated_at"
            responsive={["md"]}
            render={(at: string) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>}
          />
        </Table>
      </Card>
      <Card title="Ledger, newest first">
        {ledgerQuery.isError ? (
          <ErrorState compact message={errorMessage(ledgerQuery.error)} onRetry={() => ledgerQuery.refetch()} />
        ) : (
          <Table<LedgerEntry> {...ledger.tableProps} rowKey="id" size="small" scroll={{ x: 360 }} data-testid="credit-ledger">
            <Table.Column<LedgerEntry> title="When" dataIndex="at" render={(at: string) => formatDateTime(at)} />
            <Table.Column<LedgerEntry> title="User" dataIndex="user_id" />
            <Table.Column<LedgerEntry> title="Credits" key="credits" align="right" render={(_, e) => signedCredits(e.kind, e.applied, formatNumber)} />
            <Table.Column<LedgerEntry> title="Shortfall" dataIndex="shortfall" render={(n: number) => <Shortfall n={n} />} />
            <Table.Column<LedgerEntry> title="Balance after" dataIndex="balance_after" align="right" responsive={["sm"]} render={number} />
            <Table.Column<LedgerEntry>
              title="Task"
              dataIndex="task_id"
              responsive={["md"]}
              render={(id: string | null, e) => id ?? (e.kind === "grant" ? "Starting credits" : "—")}
            />
          </Table>
        )}
      </Card>
    </ReadPage>
  );
}
