import { describe, expect, it } from "vitest";
import { can, permissionsOf, type ROLES } from "./permissions";

describe("can", () => {
  it("grants exact matches and wildcards", () => {
    expect(can(["integration:Read"], "integration:Read")).toBe(true);
    expect(can(["*"], "audit:Read")).toBe(true);
    expect(can(["integration:*"], "integration:Renew")).toBe(true);
  });

  it("refuses what is not granted", () => {
    expect(can([], "integration:Read")).toBe(false);
    expect(can(["integration:Read"], "integration:Renew")).toBe(false);
    expect(can(["integration:*"], "audit:Read")).toBe(false);
    // a prefix is not a wildcard
    expect(can(["integration:Re"], "integration:Read")).toBe(false);
    expect(can(["integration"], "integration:Read")).toBe(false);
  });
});

describe("role table", () => {
  const matrix = (role: keyof typeof ROLES) =>
    ["integration:Read", "integration:Renew", "integration:Write", "audit:Read"].map((p) => can(permissionsOf(role), p));

  it("maps demo roles as docs/architecture.md says", () => {
    expect(matrix("admin")).toEqual([true, true, true, true]);
    expect(matrix("support")).toEqual([true, true, false, false]);
    expect(matrix("viewer")).toEqual([true, false, false, false]);
    expect(matrix("editor")).toEqual([false, false, false, false]);
    expect(matrix("owner")).toEqual([false, false, false, false]);
    expect(can(permissionsOf("owner"), "restaurant:ReadOwn")).toBe(true);
  });
});
