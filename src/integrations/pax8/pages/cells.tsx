import { Typography } from "antd";
import { formatMoney } from "../../../ui/format";
import { formatUnitPrice } from "../mapping";
import { StatusTag } from "../../../ui/StatusTag";
import { shortId } from "../mapping";

/** An amount in its own currency, right-aligned digits. */
export function Money({ amount, currency }: { amount: number | undefined; currency: string | undefined }) {
  return <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>{formatMoney(amount, currency)}</span>;
}

/** A unit price, which may be a fraction of a cent (Azure's $0.000016 per GB second). */
export function UnitPrice({ amount, currency }: { amount: number | undefined; currency: string | undefined }) {
  return <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>{formatUnitPrice(amount, currency)}</span>;
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
