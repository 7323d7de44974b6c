import type { AccessControlProvider, ResourceProps } from "@refinedev/core";
import { can } from "../auth/permissions";
import { fetchMe } from "./auth-provider";

/** The permission a resource's action needs: `meta.permissions[action]`, else `meta.permission`, else none. */
export function requiredPermission(resource: Pick<ResourceProps, "meta"> | undefined, action: string): string | undefined {
  const meta = resource?.meta as { permission?: string; permissions?: Record<string, string> } | undefined;
  return meta?.permissions?.[action] ?? meta?.permission;
}

/** Asks the same `can` the server enforces; hiding is a courtesy, the server's answer is the rule. */
export function createAccessControl(resources: ResourceProps[]): AccessControlProvider {
  return {
    async can({ resource, action, params }) {
      const item = (params?.resource as ResourceProps | undefined) ?? resources.find((r) => r.name === resource || r.identifier === resource);
      const required = requiredPermission(item, action);
      if (!required) return { can: true };
      const me = await fetchMe().catch(() => null);
      if (!me || !can(me.permissions, required)) return { can: false, reason: "You do not have permission to do this." };
      // A page about the user's own restaurant means nothing to an account bound to none (an admin's `*`).
      if ((item?.meta as { requiresRestaurant?: boolean } | undefined)?.requiresRestaurant && !me.restaurantId) {
        return { can: false, reason: "Your account is not linked to a restaurant." };
      }
      return { can: true };
    },
    options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
  };
}
