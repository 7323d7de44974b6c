import { BellOutlined } from "@ant-design/icons";
import { useCan } from "@refinedev/core";
import { Badge, Button, Tooltip } from "antd";
import { Link } from "react-router";
import { RESOURCES } from "../data-provider";
import { useAlertsCount } from "./queries";

/** The header's count of near-quota restaurants, refreshed every minute and after a renewal; a link to the alerts page. */
export function AlertsBadge() {
  const allowed = useCan({ resource: RESOURCES.alerts, action: "list" }).data?.can ?? false;
  const count = useAlertsCount(allowed);
  if (!allowed || count.isError) return null;
  const n = count.data?.count;
  const label = n === undefined ? "Near-quota restaurants" : `${n} restaurant${n === 1 ? "" : "s"} near quota`;
  return (
    <Tooltip title={label}>
      <Link to="/restaurants/alerts" aria-label={label} data-testid="restaurant-alerts-badge" data-count={n ?? ""}>
        <Badge count={n ?? 0} overflowCount={999} size="small" offset={[-4, 4]}>
          <Button shape="circle" icon={<BellOutlined />} tabIndex={-1} aria-hidden />
        </Badge>
      </Link>
    </Tooltip>
  );
}
