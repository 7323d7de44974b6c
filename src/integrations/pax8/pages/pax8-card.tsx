import { Flex, Typography } from "antd";
import { Link } from "react-router";
import type { OverviewCardProps } from "../../../client/define";
import { OverviewCardFrame } from "../../../client/overview/quota-card";
import { formatMoney } from "../../../ui/format";
import { QuotaProgress } from "../../../ui/quota-progress";
import type { CurrencyCharges, Pax8UsageDetails } from "../charges";

function CurrencyLine({ c }: { c: CurrencyCharges }) {
  return (
    <Flex vertical gap={2} data-testid={`pax8-charges-${c.currency}`}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>{formatMoney(c.currentCharges, c.currency)}</Typography.Text>
        <Typography.Text type="secondary">{c.budget !== undefined ? `of ${formatMoney(c.budget, c.currency)} budget` : c.currency}</Typography.Text>
      </Flex>
      {c.percentage !== undefined && <QuotaProgress percent={c.percentage} size="small" label={`Pax8 ${c.currency}: ${c.percentage}% of the monthly budget`} />}
    </Flex>
  );
}

/** The Pax8 card on /integrations: this month's charges per currency, each against its budget when one is set. */
export function Pax8Card(props: OverviewCardProps) {
  const details = props.usage.details as unknown as Pax8UsageDetails | undefined;
  return (
    <OverviewCardFrame {...props}>
      {details && (
        <Typography.Text type="secondary">
          Charges this month ({details.month}), {details.summaries} usage summaries
        </Typography.Text>
      )}
      {details?.charges.length ? (
        details.charges.map((c) => <CurrencyLine key={c.currency} c={c} />)
      ) : (
        <Typography.Text type="secondary">No usage charges yet this month.</Typography.Text>
      )}
      <Link to="/pax8">Open Pax8 usage summaries</Link>
    </OverviewCardFrame>
  );
}
