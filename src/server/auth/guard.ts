import type { FastifyInstance } from "fastify";
import { can } from "../../auth/permissions";
import { forbidden, unauthorized } from "../errors";
import { SESSION_COOKIE, type Sessions, type SessionUser } from "./sessions";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a route needs: a permission such as `integration:Read`, "authenticated" or "public". */
    permission?: string;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: string;
}

const GUARDED = /^\/(api|auth)\//;

/**
 * Every /api and /auth route must declare the permission it needs (start-up fails otherwise),
 * and this guard enforces it: 401 without a session, 403 without the permission.
 */
export function permissionGuard(app: FastifyInstance, sessions: Sessions): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.decorateRequest("user", null);

  app.addHook("onRoute", (route) => {
    if (!GUARDED.test(route.url)) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) if (method !== "HEAD") table.push({ method, url: route.url, permission });
  });

  app.addHook("onRequest", async (request) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) request.user = await sessions.resolve(sessionId);
    const permission = request.routeOptions.config?.permission;
    if (!permission || permission === "public") return;
    if (!request.user) throw unauthorized();
    if (permission !== "authenticated" && !can(request.user.permissions, permission)) throw forbidden();
  });

  return table;
}
