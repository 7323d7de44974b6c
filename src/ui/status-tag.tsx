import { Tag, Tooltip } from "antd";

/** Every status badge of the console, so every table says "near quota" or "error" the same way. */
export const STATUS = {
  active: { label: "Active", color: "green", tooltip: "The upstream answered." },
  error: { label: "Error", color: "red", tooltip: "The upstream failed; see the message." },
  not_configured: { label: "Not configured", color: "default", tooltip: "A credential is missing on the server." },
  stale: { label: "Stale", color: "orange", tooltip: "The upstream is not answering; these are the last known figures." },
  near_quota: { label: "Near quota", color: "orange", tooltip: "90 % or more of the allowance is used." },
  over_quota: { label: "Over quota", color: "red", tooltip: "The allowance is used up." },
  unlimited: { label: "Unlimited", color: "blue", tooltip: "This plan has no limit." },
  inactive: { label: "Inactive", color: "default", tooltip: "Not active." },
  demo: { label: "Demo data", color: "purple", tooltip: "A simulator answers instead of the real upstream." },
  trial: { label: "Trial", color: "cyan", tooltip: "A trial." },
  revoked: { label: "Revoked", color: "default", tooltip: "No longer accepted." },
} as const satisfies Record<string, { label: string; color: string; tooltip: string }>;

export type Status = keyof typeof STATUS;

export function StatusTag({ status, label }: { status: Status; label?: string }) {
  const s = STATUS[status];
  return (
    <Tooltip title={s.tooltip}>
      <Tag color={s.color} style={{ marginInlineEnd: 0 }}>
        {label ?? s.label}
      </Tag>
    </Tooltip>
  );
}
