import { Typography } from "antd";
import { formatMoney } from "../../../ui/format";
import { StatusTag } from "../../../ui/status-tag";
import { shortId } from "../mapping";

/** An amount in its own currency, tabular digits; unit prices under a cent keep their decimals. */
export function Money({ amount, currency }: { amount: number | undefined; currency: string | undefined }) {
  return <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>{formatMoney(amount, currency)}</span>;
}

/** The shared "Trial" badge, or nothing. */
export function TrialTag({ trial }: { trial: boolean | undefined }) {
  return trial ? <StatusTag status="trial" /> : null;
}

/** A UUID shortened for a cell, copyable in full. */
export function ShortId({ id }: { id: string | undefined }) {
  return id ? (
    <Typography.Text copyable={{ text: id }} title={id} style={{ fontFamily: "monospace" }}>
      {shortId(id)}
    </Typography.Text>
  ) : (
    <>—</>
  );
}
