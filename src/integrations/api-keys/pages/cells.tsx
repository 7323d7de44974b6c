import { Tag, Typography } from "antd";
import type { Purpose } from "../contract";
import { maskedKey } from "../mapping";
import { PURPOSE_COLOURS } from "../view";

/** An integration type as a coloured tag, the same in every table. */
export function PurposeTag({ purpose }: { purpose: string }) {
  return <Tag color={PURPOSE_COLOURS[purpose as Purpose] ?? "default"}>{purpose}</Tag>;
}

/** A key as lists show it: the prefix and a mask, never the secret. */
export function MaskedKey({ prefix }: { prefix: string }) {
  return (
    <Typography.Text code data-testid="masked-key" aria-label={`Key starting ${prefix}`}>
      {maskedKey(prefix)}
    </Typography.Text>
  );
}
