import { ReloadOutlined } from "@ant-design/icons";
import { Show } from "@refinedev/antd";
import { useCan, useShow } from "@refinedev/core";
import { Button, Card, Col, Row, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { errorMessage } from "../../../client/http";
import { NotFound } from "../../../client/status-pages";
import { useRefresh } from "../../../client/use-refresh";
import { ErrorState } from "../../../ui/error-state";
import { formatDateTime, formatNumber, formatRelative } from "../../../ui/format";
import { markDataOnScreen } from "../../../ui/marks";
import type { ReadMeta } from "../../usage";
import type { Renewal } from "../api";
import type { RestaurantDetail } from "../contract";
import { RESOURCES } from "../data-provider";
import { useRenewals } from "./queries";
import { RenewDialog } from "./renew-dialog";
import { HistoryCard, UsageSummary } from "./usage-summary";

/** /restaurants/:id: the figures, six months of history and the renewals from the audit log. */
export default function RestaurantShow() {
  const { query } = useShow<RestaurantDetail>({ resource: RESOURCES.list, errorNotification: false });
  const restaurant = query.data?.data;
  const canRenew = useCan({ resource: RESOURCES.list, action: "renew" }).data?.can ?? false;
  const [renewing, setRenewing] = useState(false);
  const renewals = useRenewals(restaurant?.restaurantId);
  const { refresh, refreshing } = useRefresh(query, renewals);
  useEffect(() => {
    if (restaurant) markDataOnScreen();
  }, [restaurant]);

  if (query.isError) {
    const status = (query.error as { statusCode?: number }).statusCode;
    if (status === 404) return <NotFound what="This restaurant" />;
    return <ErrorState title="Could not load this restaurant" message={errorMessage(query.error)} onRetry={() => query.refetch()} />;
  }
  return (
    <Show
      title={restaurant?.restaurantName ?? "Restaurant"}
      isLoading={query.isLoading}
      breadcrumb={false}
      canEdit={false}
      canDelete={false}
      headerButtons={
        <>
          <Button icon={<ReloadOutlined />} onClick={refresh} loading={refreshing}>
            Refresh
          </Button>
          {canRenew && restaurant && restaurant.allowance.monthlyLimit !== -1 && (
            <Button type="primary" onClick={() => setRenewing(true)}>
              Renew +1000
            </Button>
          )}
        </>
      }
    >
      {restaurant && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <UsageSummary restaurant={restaurant} meta={(query.data as { meta?: ReadMeta } | undefined)?.meta} />
          </Col>
          <Col xs={24} lg={12}>
            <HistoryCard history={restaurant.history} />
          </Col>
          <Col span={24}>
            <Renewals renewals={renewals} />
          </Col>
        </Row>
      )}
      <RenewDialog target={renewing && restaurant ? restaurant : null} onClose={() => setRenewing(false)} onRenewed={() => void query.refetch()} />
    </Show>
  );
}

function Renewals({ renewals }: { renewals: ReturnType<typeof useRenewals> }) {
  return (
    <Card title="Renewals" data-testid="renewals">
      {renewals.isError ? (
        <ErrorState compact title="Could not load the renewals" message={errorMessage(renewals.error)} onRetry={() => renewals.refetch()} />
      ) : (
        <Table<Renewal>
          dataSource={renewals.data ?? []}
          loading={renewals.isLoading}
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: "No renewal yet." }}
        >
          <Table.Column<Renewal> title="When" dataIndex="at" render={(at: string) => <span title={formatDateTime(at)}>{formatRelative(at)}</span>} />
          <Table.Column<Renewal> title="Who" dataIndex="actorEmail" render={(v: string | null) => v ?? "—"} />
          <Table.Column<Renewal> title="Amount" dataIndex="amount" align="right" render={(n: number | null) => (n == null ? "—" : `+${formatNumber(n)}`)} />
          <Table.Column<Renewal> title="Reason" dataIndex="reason" render={(v: string | null) => v ?? "—"} />
          <Table.Column<Renewal>
            title="Outcome"
            key="outcome"
            render={(_, r) =>
              r.outcome === "success" ? (
                <Tag color="green">Renewed, limit {formatNumber(r.effectiveLimit)}</Tag>
              ) : (
                <Tag color="red">Failed{r.error ? `: ${r.error.replace(/_/g, " ")}` : ""}</Tag>
              )
            }
          />
        </Table>
      )}
    </Card>
  );
}
