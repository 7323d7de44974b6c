import { useDelete } from "@refinedev/core";
import { App, Button, Card, Flex, Grid, Table, Tag, Tooltip, Typography } from "antd";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import type { KeySyncView } from "../api";
import type { APIKeySummary } from "../contract";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { MaskedKey, PurposeTag } from "./cells";

export interface KeyUsageTableProps {
  keys: APIKeySummary[];
  loading: boolean;
  canRevoke: boolean;
  /** Each key's last sync, by key id. */
  synced: ReadonlyMap<string, KeySyncView>;
}

/** A key's last sync: when, and if it failed, why (on hover). */
function KeySync({ state }: { state: KeySyncView | undefined }) {
  if (!state) return <Typography.Text type="secondary">Not synced</Typography.Text>;
  if (state.ok) return <span title={formatDateTime(state.synced_at)}>{formatRelative(state.synced_at)}</span>;
  return (
    <Tooltip title={state.error}>
      <Tag color="orange">Sync failed {formatRelative(state.synced_at)}</Tag>
    </Tooltip>
  );
}

/** Revoke, after a confirmation that says what stops working. */
function RevokeButton({ apiKey }: { apiKey: APIKeySummary }) {
  const { modal } = App.useApp();
  const { mutate, mutation } = useDelete();
  const confirm = () =>
    modal.confirm({
      title: `Revoke “${apiKey.name}”?`,
      content: "Anything that calls the API with this key stops working at once. This cannot be undone.",
      okText: "Revoke",
      okButtonProps: { danger: true },
      onOk: () =>
        new Promise<void>((resolve, reject) =>
          mutate(
            {
              resource: API_KEYS_RESOURCES.keys,
              id: apiKey.id,
              dataProviderName: API_KEYS_PROVIDER,
              successNotification: { type: "success", message: `Revoked “${apiKey.name}”.` },
              errorNotification: (error) => ({ type: "error", message: "The key was not revoked", description: error?.message }),
            },
            { onSuccess: () => resolve(), onError: (e) => reject(e) },
          ),
        ),
    });
  return (
    <Button size="small" danger onClick={confirm} loading={mutation.isPending} aria-label={`Revoke ${apiKey.name}`}>
      Revoke
    </Button>
  );
}

const LastUsed = ({ at }: { at: string | null }) => <span title={formatDateTime(at)}>{at ? formatRelative(at) : "Never"}</span>;

/** Per key: name, integration type, masked prefix, requests in the range and last use; cards on a phone. */
export function KeyUsageTable({ keys, loading, canRevoke, synced }: KeyUsageTableProps) {
  const wide = Grid.useBreakpoint().md ?? true;
  if (!wide) {
    return (
      <Flex vertical gap={8} aria-busy={loading}>
        {keys.length === 0 && !loading && <Typography.Text type="secondary">No key was used in this range.</Typography.Text>}
        {keys.map((k) => (
          <Card key={k.id} size="small" data-testid="api-key-card">
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text strong>{k.name}</Typography.Text>
                <PurposeTag purpose={k.purpose} />
              </Flex>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <MaskedKey prefix={k.key_prefix} />
                <KeySync state={synced.get(k.id)} />
              </Flex>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text>{formatNumber(k.total_requests)} requests</Typography.Text>
                <Typography.Text type="secondary">
                  <LastUsed at={k.last_used_at} />
                </Typography.Text>
              </Flex>
              {canRevoke && <RevokeButton apiKey={k} />}
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <Table<APIKeySummary>
      dataSource={keys}
      rowKey="id"
      loading={loading}
      size="middle"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: "No key was used in this range." }}
    >
      <Table.Column<APIKeySummary> title="Name" dataIndex="name" />
      <Table.Column<APIKeySummary> title="Integration type" dataIndex="purpose" render={(p: string) => <PurposeTag purpose={p} />} />
      <Table.Column<APIKeySummary> title="Key" dataIndex="key_prefix" render={(p: string) => <MaskedKey prefix={p} />} />
      <Table.Column<APIKeySummary> title="Requests" dataIndex="total_requests" align="right" render={(n: number) => formatNumber(n)} />
      <Table.Column<APIKeySummary> title="Last used" dataIndex="last_used_at" render={(at: string | null) => <LastUsed at={at} />} />
      <Table.Column<APIKeySummary> title="Last synced" key="synced" render={(_, k) => <KeySync state={synced.get(k.id)} />} />
      {canRevoke && <Table.Column<APIKeySummary> title="" key="revoke" align="right" render={(_, k) => <RevokeButton apiKey={k} />} />}
    </Table>
  );
}
