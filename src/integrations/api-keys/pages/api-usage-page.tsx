import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Divider, Flex, Segmented, Select, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { errorMessage } from "../../../client/http";
import { useRefresh } from "../../../client/use-refresh";
import { ErrorState } from "../../../ui/error-state";
import { markDataOnScreen } from "../../../ui/marks";
import type { SyncState } from "../api";
import type { APIKeySummary, ApiUsageMetrics, VerificationMetrics } from "../contract";
import { API_KEYS_RESOURCES } from "../data-provider";
import { byPurpose } from "../mapping";
import { freshnessOf, PURPOSE_OPTIONS, rangeToQuery, type UsageView, VIEWS } from "../view";
import { CreateKeyDialog } from "./create-key-dialog";
import { DateRange, type Range } from "./date-range";
import { KeyUsageTable } from "./key-usage-table";
import { PurposeUsage } from "./purpose-usage";
import { useKeyPermissions, useRead, useSyncNow } from "./queries";
import { SyncStatus } from "./sync-status";
import { VerificationTotals } from "./verification-totals";

/** /api-keys: one usage card with a view selector (per key / per purpose), a date range and an integration-type filter. */
export default function ApiUsagePage() {
  const [view, setView] = useState<UsageView>("key");
  const [range, setRange] = useState<Range>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const query = useMemo(() => rangeToQuery(range), [range]);

  const { canCreate, canRevoke, canSync } = useKeyPermissions();
  const keys = useRead<APIKeySummary>(API_KEYS_RESOURCES.keys, query);
  const usage = useRead<ApiUsageMetrics>(API_KEYS_RESOURCES.apiUsage, query);
  const verifications = useRead<VerificationMetrics>(API_KEYS_RESOURCES.verifications, query);
  const syncState = useRead<SyncState>(API_KEYS_RESOURCES.sync);
  const syncNow = useSyncNow();
  // Refresh: each of the page's reads asked once more, past the server's cache.
  const { refresh, refreshing } = useRefresh(keys.query, usage.query, verifications.query, syncState.query);

  const sync = syncState.rows?.[0];
  const { lastSyncedAt, problem } = freshnessOf(view === "key" ? keys.meta : usage.meta, sync);
  const shownKeys = byPurpose(keys.rows ?? [], types);
  const syncedByKey = useMemo(() => new Map((sync?.keys ?? []).map((k) => [k.key_id, k])), [sync]);
  const failed = view === "key" ? keys.query.isError && keys.query.error : usage.query.isError && usage.query.error;

  useEffect(() => {
    if (keys.rows) markDataOnScreen();
  }, [keys.rows]);

  /** Sync now, and Retry: a writer syncs again; then everyone asks again, past the server's cache. */
  async function syncThenRefresh(syncing: boolean) {
    if (syncing) await syncNow.mutateAsync().catch(() => undefined);
    await refresh();
  }

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            API usage
          </Typography.Title>
          <Typography.Text type="secondary">Keys used outside the app: Zapier, n8n, Google Sheets and custom code.</Typography.Text>
        </div>
        {canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            Create key
          </Button>
        )}
      </Flex>
      <Card data-testid="usage-card">
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <Segmented<UsageView> options={VIEWS} value={view} onChange={setView} aria-label="Usage view" />
            <DateRange value={range} onChange={setRange} />
            <Select
              mode="multiple"
              allowClear
              options={PURPOSE_OPTIONS}
              value={types}
              onChange={setTypes}
              placeholder="All integration types"
              aria-label="Integration type"
              style={{ minWidth: 200, flex: "1 1 200px" }}
            />
          </Flex>
          <SyncStatus
            lastSyncedAt={lastSyncedAt}
            problem={problem}
            onRetry={() => syncThenRefresh(canSync)}
            retrying={refreshing || syncNow.isPending}
            onSync={canSync ? () => syncThenRefresh(true) : undefined}
            syncing={syncNow.isPending}
          />
          {failed ? (
            <ErrorState
              compact
              title="Could not load the usage"
              message={errorMessage(failed)}
              onRetry={() => syncThenRefresh(canSync)}
              retrying={refreshing || syncNow.isPending}
            />
          ) : view === "key" ? (
            <KeyUsageTable keys={shownKeys} loading={keys.query.isLoading} canRevoke={canRevoke} synced={syncedByKey} />
          ) : (
            <PurposeUsage metrics={usage.rows?.[0]} types={types} loading={usage.query.isLoading} />
          )}
          <Divider style={{ margin: 0 }} />
          <Typography.Text strong>Verifications {range ? "in this range" : "(all time)"}</Typography.Text>
          <VerificationTotals totals={verifications.rows?.[0]?.totals} />
        </Flex>
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
