import { PlusOutlined, ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Divider, Flex, Segmented, Select, Statistic, Typography } from "antd";
import { useMemo, useState } from "react";
import { ReadPage } from "../../../client/read-page";
import { useRefresh } from "../../../client/use-refresh";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
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

/** The verification metrics of the range: tasks, emails and how they came out. */
const VERIFICATION_FIGURES = { tasks: "Tasks", emails: "Emails verified", valid: "Valid", invalid: "Invalid", unknown: "Unknown" } as const;

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
  // The view's own read first: its failure is the page's, its data the mark.
  const [shown, other] = view === "key" ? [keys, usage] : [usage, keys];
  const queries = [shown.query, other.query, verifications.query, syncState.query];
  const { refresh, refreshing } = useRefresh(...queries);

  const sync = syncState.rows?.[0];
  const { lastSyncedAt, problem } = freshnessOf(shown.meta, sync);
  const syncedByKey = useMemo(() => new Map((sync?.keys ?? []).map((k) => [k.key_id, k])), [sync]);

  /** Sync now, and Retry: a writer syncs again; then everyone asks again, past the server's cache. */
  async function syncThenRefresh(syncing: boolean) {
    if (syncing) await syncNow.mutateAsync().catch(() => undefined);
    await refresh();
  }

  const actions = (
    <>
      {canSync && (
        <Button icon={<SyncOutlined />} onClick={() => syncThenRefresh(true)} loading={syncNow.isPending}>
          Sync now
        </Button>
      )}
      {canCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Create key
        </Button>
      )}
    </>
  );
  // The stale note is the sync problem's below, which offers Retry (a sync, for a writer).
  return (
    <ReadPage
      title="API usage"
      subtitle="Keys used outside the app: Zapier, n8n, Google Sheets and custom code."
      queries={queries}
      meta={{ ...shown.meta, stale: false }}
      errorTitle="Could not load the usage"
      actions={actions}
    >
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
          {problem && (
            <Alert
              type="warning"
              showIcon
              message={problem}
              role="alert"
              action={
                <Button size="small" icon={<ReloadOutlined />} onClick={() => syncThenRefresh(canSync)} loading={refreshing || syncNow.isPending}>
                  Retry
                </Button>
              }
            />
          )}
          <Typography.Text type="secondary" title={formatDateTime(lastSyncedAt)} data-testid="last-synced">
            {lastSyncedAt ? `Last synced ${formatRelative(lastSyncedAt)}` : "Not synced yet"}
          </Typography.Text>
          {view === "key" ? (
            <KeyUsageTable keys={byPurpose(keys.rows ?? [], types)} loading={keys.query.isLoading} canRevoke={canRevoke} synced={syncedByKey} />
          ) : (
            <PurposeUsage metrics={usage.rows?.[0]} types={types} loading={usage.query.isLoading} />
          )}
          <Divider style={{ margin: 0 }} />
          <Typography.Text strong>Verifications {range ? "in this range" : "(all time)"}</Typography.Text>
          <Flex gap={24} wrap data-testid="verification-totals">
            {Object.entries(VERIFICATION_FIGURES).map(([field, title]) => (
              <Statistic key={field} title={title} value={formatNumber(verifications.rows?.[0]?.totals[field as keyof typeof VERIFICATION_FIGURES])} />
            ))}
          </Flex>
        </Flex>
      </Card>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
    </ReadPage>
  );
}
