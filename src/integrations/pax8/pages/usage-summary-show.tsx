import { useOne } from "@refinedev/core";
import { Descriptions, Skeleton, Typography } from "antd";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { ReadMeta } from "../../../client/data-provider";
import { ReadPage } from "../../../client/read-page";
import { NotFound } from "../../../client/status-pages";
import type { UsageSummary } from "../contract";
import { pax8Read } from "../data-provider";
import { isNotFound } from "../mapping";
import { Money, summariesPath, TrialTag } from "./cells";
import { UsageLines } from "./usage-lines";

/** An id in full, monospace and copyable; "—" when Pax8 left it out. */
const mono = (v: string | undefined) => (
  <Typography.Text copyable={Boolean(v)} style={{ fontFamily: "monospace" }}>
    {v || "—"}
  </Typography.Text>
);

/** Every field Pax8 gives a usage summary, in words, money in its own currency. */
function SummaryFields({ summary: s }: { summary: UsageSummary }) {
  const fields: Record<string, ReactNode> = {
    "Resource group": s.resourceGroup || "—",
    Vendor: s.vendorName ?? "—",
    "Current charges": <Money amount={s.currentCharges} currency={s.currencyCode} />,
    "Partner total": <Money amount={s.partnerTotal} currency={s.currencyCode} />,
    Currency: s.currencyCode ?? "—",
    Trial: s.isTrial ? <TrialTag trial /> : "No",
    "Usage summary ID": mono(s.id),
    "Company ID": mono(s.companyId),
    "Product ID": mono(s.productId),
    ...(s.subscriptionId ? { "Subscription ID": mono(s.subscriptionId) } : {}),
  };
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-testid="pax8-summary-fields"
      items={Object.entries(fields).map(([label, children]) => ({ key: label, label, children }))}
    />
  );
}

/** /pax8/usage-summaries/:id: the summary, then its usage lines for a chosen date. */
export default function UsageSummaryShow() {
  const { id = "" } = useParams();
  const { query, result: summary } = useOne<UsageSummary>({
    ...pax8Read("summaries"),
    id,
  });

  // A malformed id is refused (422) before Pax8 is asked; to the user it is as missing as an unknown one.
  if (isNotFound(query.error) || query.error?.statusCode === 422) return <NotFound what="This usage summary" />;
  return (
    <ReadPage
      title={
        <span>
          {summary?.resourceGroup || "Usage summary"} {summary?.isTrial && <TrialTag trial />}
        </span>
      }
      queries={[query]}
      meta={(query.data as { meta?: ReadMeta } | undefined)?.meta}
      errorTitle="Could not load this usage summary"
      actions={
        summary?.subscriptionId ? <Link to={summariesPath(summary.subscriptionId)}>← Usage summaries</Link> : <Link to="/pax8">← Pax8 subscriptions</Link>
      }
    >
      {!summary ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <>
          <SummaryFields summary={summary} />
          <UsageLines summaryId={summary.id} currency={summary.currencyCode} />
        </>
      )}
    </ReadPage>
  );
}
