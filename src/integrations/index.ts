import type { ClientIntegration } from "../client/define";

/** The browser registry: every folder's `index.tsx`, found by itself (no line to add). */
const modules = import.meta.glob<{ default: ClientIntegration }>("./*/index.tsx", { eager: true });
export const builtInIntegrations: ClientIntegration[] = Object.values(modules)
  .map((m) => m.default)
  .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
