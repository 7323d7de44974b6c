import type { AccessControlProvider, ResourceProps } from "@refinedev/core";
import { can } from "../auth/permissions";
import { fetchMe } from "./me";

/** The permission a resource's action needs: `meta.permissions[action]`, else `meta.permission`, else none. */
export function requiredPermission(resource: Pick<ResourceProps, "meta"> | undefined, action: string): string | undefined {
  const meta = resource?.meta as { permission?: string; permissions?: Record<string, string> } | undefined;
  return meta?.permissions?.[action] ?? meta?.permission;
}

/**
 * Asks the same `can` the server enforces for the console's resources; hiding is a courtesy, the
 * server's answer is the rule. Any other resource is the host's to decide (`host`), else allowed.
 * The menu parent is shown when one of its pages is.
 */
export function createAccessControl(resources: ResourceProps[], host?: AccessControlProvider): AccessControlProvider {
  const byName = (name?: string) => resources.find((r) => r.name === name || r.identifier === name);
  async function decide(item: ResourceProps, action: string): Promise<{ can: boolean; reason?: string }> {
    const children = resources.filter((r) => (r.meta as { parent?: string } | undefined)?.parent === item.name);
    if (children.length > 0 && !item.list) {
      const answers = await Promise.all(children.map((c) => decide(c, "list")));
      return answers.some((a) => a.can) ? { can: true } : { can: false, reason: "You do not have permission to do this." };
    }
    const required = requiredPermission(item, action);
    if (!required) return { can: true };
    const me = await fetchMe().catch(() => null);
    if (!me || !can(me.permissions, required)) return { can: false, reason: "You do not have permission to do this." };
    // A page about the user's own restaurant means nothing to an account bound to none (an admin's `*`).
    if ((item.meta as { requiresRestaurant?: boolean } | undefined)?.requiresRestaurant && !me.restaurantId) {
      return { can: false, reason: "Your account is not linked to a restaurant." };
    }
    return { can: true };
  }
  return {
    async can(params) {
      const named = byName(params.resource) ?? byName((params.params?.resource as ResourceProps | undefined)?.name);
      if (named) return decide(named, params.action);
      return host ? host.can(params) : { can: true };
    },
    options: host?.options ?? { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
  };
}
