import { ReloadOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import type { ReadMeta } from "../../../client/data-provider";
import { useRefresh } from "../../../client/use-refresh";
import { formatDateTime, formatRelative } from "../../../ui/format";
import { StatusTag } from "../../../ui/status-tag";

/** "As of 3 minutes ago" and a Refresh that asks Pax8 again, past the server's cache: one request per query. */
export function RefreshBar({ meta, queries }: { meta: Partial<ReadMeta> | undefined; queries: { refetch: () => Promise<unknown> }[] }) {
  const { refresh, refreshing } = useRefresh(...queries);
  return (
    <Flex align="center" gap={8} wrap>
      {meta?.stale && <StatusTag status="stale" />}
      <Typography.Text type="secondary" title={formatDateTime(meta?.fetchedAt)}>
        {meta?.fetchedAt ? `As of ${formatRelative(meta.fetchedAt)}` : ""}
      </Typography.Text>
      <Button size="small" icon={<ReloadOutlined />} onClick={refresh} loading={refreshing}>
        Refresh
      </Button>
    </Flex>
  );
}
