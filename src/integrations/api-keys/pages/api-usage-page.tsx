import { PlusOutlined } from "@ant-design/icons";
import { useList } from "@refinedev/core";
import { Button, Card, Divider, Flex, Segmented, Select, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { errorMessage, http } from "../../../client/http";
import { ErrorState } from "../../../ui/error-state";
import { markDataOnScreen } from "../../../ui/marks";
import type { Freshness } from "../api";
import { BASE } from "../constants";
import type { APIKeySummary } from "../contract";
import { API_KEYS_PROVIDER, API_KEYS_RESOURCES } from "../data-provider";
import { byPurpose } from "../mapping";
import { freshnessOf, PURPOSE_OPTIONS, rangeToQuery, type UsageView, VIEWS } from "../view";
import { CreateKeyDialog } from "./create-key-dialog";
import { DateRange, type Range } from "./date-range";
import { KeyUsageTable } from "./key-usage-table";
import { PurposeUsage } from "./purpose-usage";
import { useApiUsage, useKeyPermissions, useRefreshAll, useSyncNow, useSyncState, useVerifications } from "./queries";
import { SyncStatus } from "./sync-status";
import { VerificationTotals } from "./verification-totals";

/** /api-keys: one usage card with a view selector (per key / per purpose), a date range and an integration-type filter. */
export default function ApiUsagePage() {
  const [view, setView] = useState<UsageView>("key");
  const [range, setRange] = useState<Range>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const query = useMemo(() => rangeToQuery(range), [range]);

  const { canCreate, canRevoke, canSync } = useKeyPermissions();

  const keys = useList<APIKeySummary>({
    resource: API_KEYS_RESOURCES.keys,
    dataProviderName: API_KEYS_PROVIDER,
    filters: [
      { field: "from", operator: "eq", value: query.from },
      { field: "to", operator: "eq", value: query.to },
    ],
    pagination: { mode: "off" },
  });
  const usage = useApiUsage(query);
  const verifications = useVerifications(query);
  const syncState = useSyncState();
  const syncNow = useSyncNow();
  const refreshAll = useRefreshAll();

  const keysRead = keys.result?.data ? (keys.query.data?.meta as Freshness | undefined) : undefined;
  const { lastSyncedAt, problem } = freshnessOf(view === "key" ? keysRead : usage.data, syncState.data);
  const shownKeys = byPurpose(keys.result?.data ?? [], types);
  const syncedByKey = useMemo(() => new Map((syncState.data?.keys ?? []).map((k) => [k.key_id, k])), [syncState.data]);
  const failed = view === "key" ? keys.query.isError && keys.query.error : usage.isError && usage.error;

  useEffect(() => {
    if (keys.result?.data) markDataOnScreen();
  }, [keys.result?.data]);

  /** Retry: a writer syncs again; everyone asks the upstream again, past the server's cache. */
  async function retry() {
    setRetrying(true);
    try {
      if (canSync) await syncNow.mutateAsync().catch(() => undefined);
      const params = { ...query, refresh: 1 };
      await Promise.all(["/keys", "/metrics/api-usage", "/metrics/verifications"].map((p) => http.get(`${BASE}${p}`, { params }).catch(() => undefined)));
      await refreshAll();
    } finally {
      setRetrying(false);
    }
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
            onRetry={retry}
            retrying={retrying}
            onSync={canSync ? () => syncNow.mutate() : undefined}
            syncing={syncNow.isPending}
          />
          {failed ? (
            <ErrorState compact title="Could not load the usage" message={errorMessage(failed)} onRetry={retry} retrying={retrying} />
          ) : view === "key" ? (
            <KeyUsageTable keys={shownKeys} loading={keys.query.isLoading} canRevoke={canRevoke} synced={syncedByKey} />
          ) : (
            <PurposeUsage metrics={usage.data} types={types} loading={usage.isLoading} />
          )}
          <Divider style={{ margin: 0 }} />
          <Typography.Text strong>Verifications {range ? "in this range" : "(all time)"}</Typography.Text>
          <VerificationTotals totals={verifications.data?.totals} />
        </Flex>
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
