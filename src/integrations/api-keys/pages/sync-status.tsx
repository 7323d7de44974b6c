import { ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Typography } from "antd";
import { formatDateTime, formatRelative } from "../../../ui/format";

export interface SyncStatusProps {
  lastSyncedAt: string | null;
  /** Why the figures may be old (a stale read or a failed sync), or null. */
  problem: string | null;
  onRetry: () => void;
  retrying: boolean;
  /** "Sync now", for those who may sync. */
  onSync?: () => void;
  syncing?: boolean;
}

/** "Last synced …", and when something failed, the reason and a Retry. */
export function SyncStatus({ lastSyncedAt, problem, onRetry, retrying, onSync, syncing }: SyncStatusProps) {
  return (
    <Flex vertical gap={8}>
      {problem && (
        <Alert
          type="warning"
          showIcon
          message={problem}
          role="alert"
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} loading={retrying}>
              Retry
            </Button>
          }
        />
      )}
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" title={formatDateTime(lastSyncedAt)} data-testid="last-synced">
          {lastSyncedAt ? `Last synced ${formatRelative(lastSyncedAt)}` : "Not synced yet"}
        </Typography.Text>
        {onSync && (
          <Button size="small" icon={<SyncOutlined />} onClick={onSync} loading={syncing}>
            Sync now
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
