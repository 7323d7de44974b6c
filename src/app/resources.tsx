import { ApiOutlined, AuditOutlined } from "@ant-design/icons";
import type { ResourceProps } from "@refinedev/core";
import { PERMISSIONS } from "../auth/permissions";
import { clientIntegrations } from "../integrations";

/** The core's resources first, then each integration's, in registry order. */
export const resources: ResourceProps[] = [
  { name: "integrations", list: "/integrations", meta: { label: "Integrations", icon: <ApiOutlined />, permission: PERMISSIONS.integrationRead } },
  ...clientIntegrations.flatMap((i) => i.resources ?? []),
  { name: "audit-logs", list: "/audit-logs", meta: { label: "Audit log", icon: <AuditOutlined />, permission: PERMISSIONS.auditRead } },
];
