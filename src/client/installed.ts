import type { ClientIntegration } from "./define";

/** What `usageConsole()` installed: the overview and the header read it (one console a page). */
export const installed: { integrations: ClientIntegration[]; overviewPath: string } = { integrations: [], overviewPath: "/usage" };
