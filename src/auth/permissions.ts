/**
 * Permission matching, shared by the browser (menus, buttons, 403 page) and the server (every route).
 * Permissions are `resource:action` strings; `*` grants everything, `resource:*` every action of a resource.
 */
export type Permission = string;

export const PERMISSIONS = {
  integrationRead: "integration:Read",
  integrationRenew: "integration:Renew",
  integrationWrite: "integration:Write",
  auditRead: "audit:Read",
  /** A restaurant owner's right to read their own restaurant's usage (bound by the session). */
  restaurantReadOwn: "restaurant:ReadOwn",
} as const;

export const ROLES = {
  admin: ["*"],
  support: [PERMISSIONS.integrationRead, PERMISSIONS.integrationRenew],
  viewer: [PERMISSIONS.integrationRead],
  editor: [],
  owner: [PERMISSIONS.restaurantReadOwn],
} as const satisfies Record<string, readonly Permission[]>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLES[role]];
}

/** True when one of `granted` covers `required`. */
export function can(granted: readonly Permission[], required: Permission): boolean {
  const [resource] = required.split(":");
  return granted.some((p) => p === "*" || p === required || p === `${resource}:*`);
}
