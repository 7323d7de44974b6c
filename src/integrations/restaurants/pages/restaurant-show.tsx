import { useCan, useShow } from "@refinedev/core";
import { Button, Card, Skeleton, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { errorMessage } from "../../../client/http";
import { ReadPage } from "../../../client/read-page";
import { NotFound } from "../../../client/status-pages";
import { ErrorState } from "../../../ui/error-state";
import { formatNumber } from "../../../ui/format";
import type { Renewal } from "../api";
import type { RestaurantDetail } from "../contract";
import { RESOURCES } from "../data-provider";
import { metaOf, useRenewals } from "./queries";
import { RenewDialog } from "./renew-dialog";
import { Ago } from "./usage-cells";
import { RestaurantFigures } from "./usage-summary";

const orDash = (v: string | null) => v ?? "—";
const RENEWAL_COLUMNS: ColumnsType<Renewal> = [
  { title: "When", dataIndex: "at", render: (at: string) => <Ago at={at} /> },
  { title: "Who", dataIndex: "actorEmail", render: orDash },
  { title: "Amount", dataIndex: "amount", align: "right", render: (n: number | null) => (n == null ? "—" : `+${formatNumber(n)}`) },
  { title: "Reason", dataIndex: "reason", render: orDash },
  {
    title: "Outcome",
    key: "outcome",
    render: (_, r) =>
      r.outcome === "success" ? (
        <Tag color="green">Renewed, limit {formatNumber(r.effectiveLimit)}</Tag>
      ) : (
        <Tag color="red">Failed{r.error ? `: ${r.error.replace(/_/g, " ")}` : ""}</Tag>
      ),
  },
];

/** /restaurants/:id: the figures, six months of history and the renewals from the audit log. */
export default function RestaurantShow() {
  const { query } = useShow<RestaurantDetail>({ resource: RESOURCES.list, errorNotification: false });
  const restaurant = query.data?.data;
  const canRenew = useCan({ resource: RESOURCES.list, action: "renew" }).data?.can ?? false;
  const [renewing, setRenewing] = useState(false);
  const renewals = useRenewals(restaurant?.restaurantId);

  if ((query.error as { statusCode?: number } | null)?.statusCode === 404) return <NotFound what="This restaurant" />;
  return (
    <>
      <ReadPage
        title={restaurant?.restaurantName ?? "Restaurant"}
        queries={[query, renewals]}
        meta={metaOf(query.data)}
        errorTitle="Could not load this restaurant"
        actions={
          canRenew &&
          restaurant &&
          restaurant.allowance.monthlyLimit !== -1 && (
            <Button type="primary" onClick={() => setRenewing(true)}>
              Renew +1000
            </Button>
          )
        }
      >
        {restaurant ? (
          <RestaurantFigures restaurant={restaurant}>
            <Card title="Renewals" data-testid="renewals">
              {renewals.isError ? (
                <ErrorState compact title="Could not load the renewals" message={errorMessage(renewals.error)} onRetry={() => renewals.refetch()} />
              ) : (
                <Table<Renewal>
                  dataSource={renewals.data ?? []}
                  columns={RENEWAL_COLUMNS}
                  loading={renewals.isLoading}
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 600 }}
                  locale={{ emptyText: "No renewal yet." }}
                />
              )}
            </Card>
          </RestaurantFigures>
        ) : (
          <Skeleton active paragraph={{ rows: 6 }} />
        )}
      </ReadPage>
      <RenewDialog target={renewing && restaurant ? restaurant : null} onClose={() => setRenewing(false)} onRenewed={() => void query.refetch()} />
    </>
  );
}
