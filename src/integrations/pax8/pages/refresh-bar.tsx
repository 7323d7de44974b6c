import { ReloadOutlined } from "@ant-design/icons";
import { type DataProvider, useDataProvider } from "@refinedev/core";
import { Button, Flex, Typography } from "antd";
import { useState } from "react";
import { formatDateTime, formatRelative } from "../../../ui/format";
import { StatusTag } from "../../../ui/status-tag";
import { PAX8_PROVIDER } from "../data-provider";

interface RefreshBarProps {
  fetchedAt: string | null | undefined;
  stale?: boolean;
  /** The same read with `meta.refresh`, so the server asks Pax8 again instead of answering from its cache. */
  reread: (provider: DataProvider) => Promise<unknown>;
  /** Then the page's own queries, which now find the fresh answer in the server's cache. */
  refetch: () => Promise<unknown>;
}

/** "As of 3 minutes ago" and a Refresh that bypasses the server's cache. */
export function RefreshBar({ fetchedAt, stale, reread, refetch }: RefreshBarProps) {
  const dataProvider = useDataProvider();
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    setBusy(true);
    try {
      await reread(dataProvider(PAX8_PROVIDER)).catch(() => undefined);
      await refetch();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex align="center" gap={8} wrap>
      {stale && <StatusTag status="stale" />}
      <Typography.Text type="secondary" title={formatDateTime(fetchedAt)}>
        {fetchedAt ? `As of ${formatRelative(fetchedAt)}` : ""}
      </Typography.Text>
      <Button size="small" icon={<ReloadOutlined />} onClick={refresh} loading={busy}>
        Refresh
      </Button>
    </Flex>
  );
}
