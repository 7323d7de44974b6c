import { Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import { formatMoney } from "../../../ui/format";
import { StatusTag } from "../../../ui/status-tag";
import { MAX_PAGE_SIZE } from "../limits";
import { shortId } from "../mapping";

export const PAGE_SIZES = [10, 20, 50, 100, MAX_PAGE_SIZE];
export const summariesPath = (subscriptionId: string) => `/pax8/subscriptions/${subscriptionId}/usage-summaries`;
export const summaryPath = (id: string) => `/pax8/usage-summaries/${id}`;

/** An amount in its own currency, tabular digits; unit prices under a cent keep their decimals. */
export function Money({ amount, currency, strong }: { amount: number | undefined; currency: string | undefined; strong?: boolean }) {
  return (
    <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", fontWeight: strong ? 600 : undefined }}>{formatMoney(amount, currency)}</span>
  );
}

/** A money column, right-aligned, in the row's currency (or `fallback`). */
export const moneyColumn = <T extends { currencyCode?: string }>(dataIndex: keyof T & string, title: string, more: ColumnType<T> = {}, fallback?: string) =>
  ({
    dataIndex,
    title,
    align: "right",
    render: (v: number | undefined, r: T) => <Money amount={v} currency={r.currencyCode ?? fallback} />,
    ...more,
  }) as ColumnType<T>;

/** The shared "Trial" badge, or nothing. */
export function TrialTag({ trial }: { trial: boolean | undefined }) {
  return trial ? <StatusTag status="trial" /> : null;
}

/** A UUID shortened for a cell, copyable in full. */
export const ShortId = ({ id }: { id: string | undefined }) => (
  <Typography.Text copyable={id ? { text: id } : false} title={id} style={{ fontFamily: "monospace" }}>
    {shortId(id)}
  </Typography.Text>
);
