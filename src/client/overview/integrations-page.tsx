import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Typography } from "antd";
import { useEffect } from "react";
import { ErrorState } from "../../ui/error-state";
import { markDataOnScreen } from "../../ui/marks";
import { errorMessage } from "../http";
import { installed } from "../installed";
import { QuotaCard } from "./quota-card";
import { useIntegrationsUsage } from "./use-integrations-usage";

const GRID = { xs: 24, md: 12, xl: 8 } as const;

/** /integrations: one card per provider, each failing on its own without breaking the others. */
export function IntegrationsPage() {
  const { data, isLoading, isError, error, refetch, refresh, refreshing } = useIntegrationsUsage();
  useEffect(() => {
    if (data) markDataOnScreen();
  }, [data]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            Integrations
          </Typography.Title>
          <Typography.Text type="secondary">Quota and usage of the services the business depends on.</Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} onClick={refresh} loading={refreshing} disabled={isLoading}>
          Refresh all
        </Button>
      </Flex>
      {isLoading ? (
        <Row gutter={[16, 16]} aria-busy="true" aria-label="Loading integrations">
          {[0, 1, 2].map((i) => (
            <Col key={i} {...GRID}>
              <Card>
                <Skeleton active paragraph={{ rows: 3 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : isError ? (
        <ErrorState title="Could not load the integrations" message={errorMessage(error)} onRetry={() => refetch()} />
      ) : !data?.integrations.length ? (
        <Empty description="No integration is installed." />
      ) : (
        <Row gutter={[16, 16]}>
          {data.integrations.map((usage) => {
            const integration = installed.integrations.find((i) => i.id === usage.id);
            const Card = integration?.OverviewCard ?? QuotaCard;
            return (
              <Col key={`${usage.id}:${usage.provider}`} {...GRID}>
                <Card usage={usage} onRefresh={refresh} refreshing={refreshing} icon={integration?.icon} />
              </Col>
            );
          })}
        </Row>
      )}
    </Flex>
  );
}
