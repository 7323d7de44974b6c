import { Progress } from "antd";
import { quotaLevel } from "../auth/quota";
import { formatPercent } from "./format";

const COLOURS = { ok: "#1f4fd1", warning: "#fa8c16", exhausted: "#f5222d", unknown: "#bfbfbf" } as const;

/** A bar coloured by consumption; the label shows the real figure even above 100 %. */
export function QuotaProgress({ percent, size = "default", label }: { percent: number | null | undefined; size?: "small" | "default"; label?: string }) {
  const level = quotaLevel(percent);
  return (
    <Progress
      percent={Math.min(100, Math.max(0, percent ?? 0))}
      strokeColor={COLOURS[level]}
      status={level === "exhausted" ? "exception" : "normal"}
      size={size}
      format={() => <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatPercent(percent)}</span>}
      aria-label={label ?? `${formatPercent(percent)} used`}
    />
  );
}
