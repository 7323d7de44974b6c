import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, permissionsOf, ROLE_NAMES } from "../../src/auth/permissions";
import { startTestApp, type TestApp } from "../helpers/app";

/**
 * Every /api and /auth route the server has, whichever integration added it, answered for every
 * demo role: 401 without a session, 403 without the permission, and neither with it.
 */
describe("every route × every demo role", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { UPSTREAM_TIMEOUT_MS: "1000" } });
  });
  afterAll(() => t.close());

  const fill = (url: string) => url.replace(/:([A-Za-z]+)/g, "00000000-0000-4000-8000-000000000000");
  const guarded = () => t.routes.filter((r) => r.permission !== "public");

  it("declares the permissions docs/architecture.md's table gives, and no write outside it", () => {
    const declared = new Map(t.routes.map((r) => [`${r.method} ${r.url}`, r.permission]));
    const expected: Record<string, string> = {
      "GET /api/auth/me": "authenticated",
      "GET /api/integrations/usage": "integration:Read",
      "GET /api/restaurants/usage": "integration:Read",
      "GET /api/restaurants/usage/alerts": "integration:Read",
      "GET /api/restaurants/usage/:restaurantId": "integration:Read",
      "POST /api/restaurants/usage/:restaurantId/renew": "integration:Renew",
      "POST /api/restaurants/usage/:restaurantId/renewals/:key/resolve": "integration:Renew",
      "GET /api/pax8/subscriptions": "integration:Read",
      "GET /api/pax8/subscriptions/:subscriptionId/usage-summaries": "integration:Read",
      "GET /api/pax8/usage-summaries/:id": "integration:Read",
      "GET /api/pax8/usage-summaries/:usageSummaryId/usage-lines": "integration:Read",
      "GET /api/api-keys/keys": "integration:Read",
      "POST /api/api-keys/keys": "integration:Write",
      "DELETE /api/api-keys/keys/:id": "integration:Write",
      "GET /api/api-keys/metrics/api-usage": "integration:Read",
      "GET /api/api-keys/metrics/verifications": "integration:Read",
      "POST /api/api-keys/sync": "integration:Write",
      "GET /api/audit-logs": "audit:Read",
    };
    for (const [route, permission] of Object.entries(expected)) expect(declared.get(route), route).toBe(permission);
    // Every other route is a read (or signing in and out), so a new write must be added above on purpose.
    const others = t.routes.filter((r) => !(`${r.method} ${r.url}` in expected));
    for (const r of others) {
      const label = `${r.method} ${r.url} (${r.permission})`;
      if (r.url.startsWith("/api/auth/")) expect(r.permission, label).toBe("public");
      else {
        expect(r.method, label).toBe("GET");
        expect(["integration:Read", "restaurant:ReadOwn", "audit:Read"], label).toContain(r.permission);
      }
    }
  });

  it("has routes to check", () => {
    expect(guarded().length).toBeGreaterThan(3);
    expect(t.routes.every((r) => r.permission)).toBe(true);
  });

  it("answers 401 to every guarded route without a session", async () => {
    for (const route of guarded()) {
      const res = await t.app.inject({ method: route.method as "GET", url: fill(route.url), payload: route.method === "GET" ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe("unauthorized");
    }
  });

  for (const role of ROLE_NAMES) {
    it(`answers ${role} as the permission table says`, async () => {
      const cookie = await t.login(role);
      for (const route of guarded()) {
        const res = await t.app.inject({
          method: route.method as "GET",
          url: fill(route.url),
          headers: { cookie, "idempotency-key": "matrix-check" },
          payload: route.method === "GET" ? undefined : {},
        });
        const allowed = route.permission === "authenticated" || can(permissionsOf(role), route.permission);
        const label = `${role} ${route.method} ${route.url} (${route.permission}) → ${res.statusCode}`;
        if (allowed) expect([401, 403], label).not.toContain(res.statusCode);
        else expect(res.statusCode, label).toBe(403);
        expect(res.statusCode, label).toBeLessThan(500);
      }
    });
  }
});
