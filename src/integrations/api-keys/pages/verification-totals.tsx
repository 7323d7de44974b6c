import { Flex, Statistic } from "antd";
import { formatNumber } from "../../../ui/format";
import type { VerificationTotals as Totals } from "../contract";

/** The verification metrics of the range: tasks, emails and how they came out. */
export function VerificationTotals({ totals }: { totals: Totals | undefined }) {
  const items: [string, number | undefined][] = [
    ["Tasks", totals?.tasks],
    ["Emails verified", totals?.emails],
    ["Valid", totals?.valid],
    ["Invalid", totals?.invalid],
    ["Unknown", totals?.unknown],
  ];
  return (
    <Flex gap={24} wrap data-testid="verification-totals">
      {items.map(([title, value]) => (
        <Statistic key={title} title={title} value={formatNumber(value)} />
      ))}
    </Flex>
  );
}
