/** One card of the Integrations overview: the spec's format plus name, fetchedAt, stale and demo. */
export type IntegrationStatus = "active" | "error" | "not_configured";

export interface IntegrationUsage {
  /** The integration's id (folder name), which picks the card that renders it. */
  id: string;
  /** The spec's provider name, e.g. "IMAI". */
  provider: string;
  name: string;
  totalQuota: number | null;
  remainingQuota: number | null;
  usedQuota: number | null;
  usagePercentage: number | null;
  status: IntegrationStatus;
  /** What the figures count, e.g. "credits". */
  unit: string;
  /** A message safe to show: why it failed, what to configure, why the data is stale. */
  message?: string;
  fetchedAt: string | null;
  stale: boolean;
  demo: boolean;
  /** Integration-specific figures for a custom card. */
  details?: Record<string, unknown>;
}

export interface IntegrationsUsageResponse {
  integrations: IntegrationUsage[];
}

/** Where a BFF read came from: when it was fetched, whether it is the last good answer, demo data. */
export interface ReadMeta {
  fetchedAt: string;
  stale: boolean;
  demo: boolean;
  /** Why it is stale, in words. */
  message?: string;
  /** A Refresh came too soon after the last call to the upstream: this is that call's answer. */
  refreshLimited?: boolean;
}

/** Every BFF read answers `{data, meta}`. */
export interface Envelope<T> {
  data: T;
  meta: ReadMeta;
}
