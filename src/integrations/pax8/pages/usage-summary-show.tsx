import { Show } from "@refinedev/antd";
import { useOne } from "@refinedev/core";
import { Descriptions, Skeleton, Typography } from "antd";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import type { ReadMeta } from "../../../client/data-provider";
import { errorMessage } from "../../../client/http";
import { NotFound } from "../../../client/status-pages";
import { ErrorState } from "../../../ui/error-state";
import { markDataOnScreen } from "../../../ui/marks";
import type { UsageSummary } from "../contract";
import { PAX8_PROVIDER, PAX8_RESOURCES } from "../data-provider";
import { isNotFound } from "../mapping";
import { Money, TrialTag } from "./cells";
import { RefreshBar } from "./refresh-bar";
import { summariesPath } from "./subscriptions-list";
import { UsageLines } from "./usage-lines";

/** Every field Pax8 gives a usage summary, in words, money in its own currency. */
function SummaryFields({ summary }: { summary: UsageSummary }) {
  const mono = (v: string | undefined) =>
    v ? (
      <Typography.Text copyable style={{ fontFamily: "monospace" }}>
        {v}
      </Typography.Text>
    ) : (
      "—"
    );
  return (
    <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="pax8-summary-fields">
      <Descriptions.Item label="Resource group">{summary.resourceGroup || "—"}</Descriptions.Item>
      <Descriptions.Item label="Vendor">{summary.vendorName ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="Current charges">
        <Money amount={summary.currentCharges} currency={summary.currencyCode} />
      </Descriptions.Item>
      <Descriptions.Item label="Partner total">
        <Money amount={summary.partnerTotal} currency={summary.currencyCode} />
      </Descriptions.Item>
      <Descriptions.Item label="Currency">{summary.currencyCode ?? "—"}</Descriptions.Item>
      <Descriptions.Item label="Trial">{summary.isTrial ? <TrialTag trial /> : "No"}</Descriptions.Item>
      <Descriptions.Item label="Usage summary ID">{mono(summary.id)}</Descriptions.Item>
      <Descriptions.Item label="Company ID">{mono(summary.companyId)}</Descriptions.Item>
      <Descriptions.Item label="Product ID">{mono(summary.productId)}</Descriptions.Item>
      {summary.subscriptionId && <Descriptions.Item label="Subscription ID">{mono(summary.subscriptionId)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** /pax8/usage-summaries/:id: the summary, then its usage lines for a chosen date. */
export default function UsageSummaryShow() {
  const { id = "" } = useParams();
  const { query, result: summary } = useOne<UsageSummary>({
    resource: PAX8_RESOURCES.summaries,
    dataProviderName: PAX8_PROVIDER,
    id,
    errorNotification: false,
  });
  useEffect(() => {
    if (summary) markDataOnScreen();
  }, [summary]);

  // A malformed id is refused (422) before Pax8 is asked; to the user it is as missing as an unknown one.
  if (isNotFound(query.error) || query.error?.statusCode === 422) return <NotFound what="This usage summary" />;
  const back = summary?.subscriptionId ? (
    <Link to={summariesPath(summary.subscriptionId)}>← Usage summaries</Link>
  ) : (
    <Link to="/pax8">← Pax8 subscriptions</Link>
  );

  return (
    <Show
      title={
        <span>
          {summary?.resourceGroup || "Usage summary"} {summary?.isTrial && <TrialTag trial />}
        </span>
      }
      breadcrumb={back}
      headerButtons={() => (summary ? <RefreshBar meta={(query.data as { meta?: ReadMeta } | undefined)?.meta} queries={[query]} /> : null)}
      goBack={false}
      isLoading={false}
    >
      {query.isError ? (
        <ErrorState title="Could not load this usage summary" message={errorMessage(query.error)} onRetry={() => query.refetch()} />
      ) : !summary ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <>
          <SummaryFields summary={summary} />
          <UsageLines summaryId={summary.id} currency={summary.currencyCode} />
        </>
      )}
    </Show>
  );
}
