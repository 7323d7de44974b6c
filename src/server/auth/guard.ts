import type { FastifyInstance, FastifyRequest } from "fastify";
import { can } from "../../auth/permissions";
import { forbidden, unauthorized } from "../errors";
import type { ConsoleUser } from "./sessions";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a route needs: a permission such as `integration:Read`, "authenticated" or "public". */
    permission?: string;
  }
  interface FastifyRequest {
    user: ConsoleUser | null;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: string;
}

/**
 * Every route of the console's scope must declare the permission it needs (start-up fails
 * otherwise), and this guard enforces it: 401 without a user, 403 without the permission.
 */
export function permissionGuard(
  app: FastifyInstance,
  resolveUser: (request: FastifyRequest) => Promise<ConsoleUser | null>,
  table: RouteEntry[] = [],
): RouteEntry[] {
  if (!app.hasRequestDecorator("user")) app.decorateRequest("user", null);

  app.addHook("onRoute", (route) => {
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) if (method !== "HEAD") table.push({ method, url: route.url, permission });
  });

  app.addHook("onRequest", async (request) => {
    request.user = await resolveUser(request);
    const permission = request.routeOptions.config?.permission;
    if (!permission || permission === "public") return;
    if (!request.user) throw unauthorized();
    if (permission !== "authenticated" && !can(request.user.permissions, permission)) throw forbidden();
  });

  return table;
}
