import { Flex, Tag, Typography } from "antd";
import { formatDateTime, formatNumber, formatPercent, formatRelative } from "../../../ui/format";
import { QuotaProgress } from "../../../ui/quota-progress";
import { StatusTag } from "../../../ui/status-tag";
import type { Figures } from "../model";

/** "930 / 1,000", or "4,210 / Unlimited". */
export function UsedOfLimit({ f }: { f: Figures }) {
  return (
    <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {formatNumber(f.used)} / {f.unlimited ? "Unlimited" : formatNumber(f.limit)}
    </span>
  );
}

/** What is left this month, or "Unlimited". */
export function Remaining({ f }: { f: Figures }) {
  return <span style={{ fontVariantNumeric: "tabular-nums" }}>{f.unlimited ? "Unlimited" : formatNumber(f.remaining)}</span>;
}

/** The progress bar from `usagePercent`, or "Unlimited" where there is no limit. */
export function UsageBar({ f, name, size = "small" }: { f: Figures; name: string; size?: "small" | "default" }) {
  return f.unlimited ? (
    <div>
      <StatusTag status="unlimited" />
    </div>
  ) : (
    <QuotaProgress percent={f.percent} size={size} label={`${name}: ${formatPercent(f.percent)} of the allowance used`} />
  );
}

/** Near quota / over quota / unlimited, and inactive. */
export function UsageBadges({ f, isActive }: { f: Figures; isActive: boolean }) {
  return (
    <Flex gap={4} wrap>
      {f.badge && f.badge !== "unlimited" && <StatusTag status={f.badge} />}
      {!isActive && <StatusTag status="inactive" />}
    </Flex>
  );
}

/** "3 hours ago", with the exact time on hover. */
export const Ago = ({ at }: { at: string | null | undefined }) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>;

export function TopUps({ adjustedBy }: { adjustedBy: number }) {
  return adjustedBy > 0 ? <Tag color="blue">+{formatNumber(adjustedBy)}</Tag> : <Typography.Text type="secondary">—</Typography.Text>;
}

export function ActiveTag({ isActive }: { isActive: boolean }) {
  return isActive ? <Tag color="green">Yes</Tag> : <Tag>No</Tag>;
}
