import { useDelete } from "@refinedev/core";
import { App, Button, Card, Descriptions, Flex, Grid, Table, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import type { KeySyncView } from "../api";
import type { APIKeySummary } from "../contract";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { maskedKey } from "../mapping";
import { PurposeTag } from "./purpose-usage";

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
  const { mutateAsync, mutation } = useDelete();
  const confirm = () =>
    modal.confirm({
      title: `Revoke “${apiKey.name}”?`,
      content: "Anything that calls the API with this key stops working at once. This cannot be undone.",
      okText: "Revoke",
      okButtonProps: { danger: true },
      onOk: () =>
        mutateAsync({
          resource: API_KEYS_RESOURCES.keys,
          id: apiKey.id,
          dataProviderName: API_KEYS_PROVIDER,
          successNotification: { type: "success", message: `Revoked “${apiKey.name}”.` },
          errorNotification: (error) => ({ type: "error", message: "The key was not revoked", description: error?.message }),
        }),
    });
  return (
    <Button size="small" danger onClick={confirm} loading={mutation.isPending} aria-label={`Revoke ${apiKey.name}`}>
      Revoke
    </Button>
  );
}

/** The cells of a key, the same for the table's columns and the phone's cards. */
const cellsOf = (synced: KeyUsageTableProps["synced"]): [title: string, render: (k: APIKeySummary) => ReactNode][] => [
  ["Name", (k) => k.name],
  ["Integration type", (k) => <PurposeTag purpose={k.purpose} />],
  // A key as lists show it: the prefix and a mask, never the secret.
  [
    "Key",
    (k) => (
      <Typography.Text code data-testid="masked-key" aria-label={`Key starting ${k.key_prefix}`}>
        {maskedKey(k.key_prefix)}
      </Typography.Text>
    ),
  ],
  ["Requests", (k) => formatNumber(k.total_requests)],
  ["Last used", (k) => <span title={formatDateTime(k.last_used_at)}>{k.last_used_at ? formatRelative(k.last_used_at) : "Never"}</span>],
  ["Last synced", (k) => <KeySync state={synced.get(k.id)} />],
];

const EMPTY = "No key was used in this range.";

/** Per key: name, integration type, masked prefix, requests in the range, last use and last sync; cards on a phone. */
export function KeyUsageTable({ keys, loading, canRevoke, synced }: KeyUsageTableProps) {
  const wide = Grid.useBreakpoint().md ?? true;
  const [name, ...cells] = cellsOf(synced);
  if (!wide) {
    return (
      <Flex vertical gap={8} aria-busy={loading}>
        {keys.length === 0 && !loading && <Typography.Text type="secondary">{EMPTY}</Typography.Text>}
        {keys.map((k) => (
          <Card key={k.id} size="small" data-testid="api-key-card" title={name[1](k)} extra={canRevoke && <RevokeButton apiKey={k} />}>
            <Descriptions size="small" column={1} items={cells.map(([label, render]) => ({ key: label, label, children: render(k) }))} />
          </Card>
        ))}
      </Flex>
    );
  }
  const columns = [name, ...cells].map(([title, render]) => ({
    title,
    key: title,
    align: title === "Requests" ? ("right" as const) : undefined,
    render: (_: unknown, k: APIKeySummary) => render(k),
  }));
  if (canRevoke) columns.push({ title: "", key: "revoke", align: "right", render: (_, k) => <RevokeButton apiKey={k} /> });
  return (
    <Table<APIKeySummary>
      dataSource={keys}
      columns={columns}
      rowKey="id"
      loading={loading}
      size="middle"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: EMPTY }}
    />
  );
}
