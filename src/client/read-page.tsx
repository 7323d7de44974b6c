import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Skeleton, Typography } from "antd";
import { type ReactNode, useEffect } from "react";
import type { ReadMeta } from "../integrations/usage";
import { ErrorState } from "../ui/error-state";
import { formatDateTime, formatRelative } from "../ui/format";
import { markDataOnScreen } from "../ui/marks";
import { StatusTag } from "../ui/status-tag";
import { errorMessage } from "./http";
import { useRefresh } from "./use-refresh";

/** A page's read, as react-query (and Refine's hooks) give it. */
export interface PageQuery {
  data?: unknown;
  isLoading?: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

export interface ReadPageProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** The page's reads: the first one's failure replaces the content; Refresh asks each once more, past the server's cache. */
  queries: PageQuery[];
  /** Where the figures came from (the first read's `meta`): demo, stale and "as of". */
  meta?: Partial<ReadMeta>;
  /** What failed, in words ("Could not load the restaurants"). */
  errorTitle: string;
  /** Buttons beside Refresh (Renew, Create key, Back). */
  actions?: ReactNode;
  children: ReactNode;
}

/** "As of 3 minutes ago", with the exact time on hover. */
export function AsOf({ meta }: { meta?: Partial<ReadMeta> }) {
  if (!meta?.fetchedAt) return null;
  return (
    <Typography.Text type="secondary" title={formatDateTime(meta.fetchedAt)}>
      As of {formatRelative(meta.fetchedAt)}
    </Typography.Text>
  );
}

/**
 * The frame of every page that shows BFF reads: the title with its buttons beside it, Refresh (one
 * request per read), demo and stale notes, a skeleton until the first read answers, and its failure
 * in words with Retry.
 */
export function ReadPage({ title, subtitle, queries, meta, errorTitle, actions, children }: ReadPageProps) {
  const { refresh, refreshing } = useRefresh(...queries);
  const [first] = queries;
  useEffect(() => {
    if (first?.data) markDataOnScreen();
  }, [first?.data]);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
        <Flex align="center" gap={8} wrap>
          {meta?.demo && <StatusTag status="demo" />}
          <AsOf meta={meta} />
          {actions}
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={refreshing}>
            Refresh
          </Button>
        </Flex>
      </Flex>
      {meta?.stale && <Alert type="warning" showIcon message={meta.message ?? "Showing the last known figures."} />}
      {first?.isError ? (
        <ErrorState title={errorTitle} message={errorMessage(first.error)} onRetry={refresh} retrying={refreshing} />
      ) : first?.isLoading ? (
        // Until the first answer: the shape of what is coming, never "No data" under a spinner.
        <Skeleton active paragraph={{ rows: 6 }} aria-busy="true" />
      ) : (
        children
      )}
    </Flex>
  );
}
