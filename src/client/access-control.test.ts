import { describe, expect, it } from "vitest";
import { requiredPermission } from "./access-control";

describe("requiredPermission", () => {
  const resource = { meta: { permission: "integration:Read", permissions: { renew: "integration:Renew" } } };

  it("takes the action's own permission first, then the resource's", () => {
    expect(requiredPermission(resource, "renew")).toBe("integration:Renew");
    expect(requiredPermission(resource, "list")).toBe("integration:Read");
  });

  it("needs nothing for a page with no resource", () => {
    expect(requiredPermission(undefined, "list")).toBeUndefined();
  });
});
