import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { IntegrationUsage } from "../../integrations/usage";
import { QuotaCard } from "./quota-card";

const base: IntegrationUsage = {
  id: "imai",
  provider: "IMAI",
  name: "IMAI",
  unit: "credits",
  totalQuota: 10000,
  remainingQuota: 7500,
  usedQuota: 2500,
  usagePercentage: 25,
  status: "active",
  fetchedAt: new Date().toISOString(),
  stale: false,
  demo: false,
};

describe("QuotaCard", () => {
  it("shows used / total and remaining formatted for people, with progress", () => {
    render(<QuotaCard usage={base} onRefresh={() => {}} refreshing={false} />);
    expect(screen.getByText("2,500")).toBeTruthy();
    expect(screen.getByText(/\/ 10,000 credits/)).toBeTruthy();
    expect(screen.getByText("7,500")).toBeTruthy();
    expect(screen.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("25");
    expect(screen.getByText("Active")).toBeTruthy();
    expect(screen.queryByText("Demo data")).toBeNull();
  });

  it("shows remaining credits and no percentage without a total", () => {
    render(
      <QuotaCard
        usage={{ ...base, totalQuota: null, usedQuota: null, usagePercentage: null, remainingQuota: 1234, demo: true }}
        onRefresh={() => {}}
        refreshing={false}
      />,
    );
    expect(screen.getByText("1,234")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByText(/no plan total/i)).toBeTruthy();
    expect(screen.getByText("Demo data")).toBeTruthy();
  });

  it("shows an error in words with a Retry that asks again", async () => {
    const onRefresh = vi.fn();
    render(
      <QuotaCard
        usage={{ ...base, status: "error", message: "Unable to fetch quota. Please try again.", remainingQuota: null }}
        onRefresh={onRefresh}
        refreshing={false}
      />,
    );
    expect(screen.getByText("Unable to fetch quota. Please try again.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /Retry/ }));
    expect(onRefresh).toHaveBeenCalledOnce();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says what to configure when not configured", () => {
    render(
      <QuotaCard
        usage={{ ...base, status: "not_configured", message: "IMAI not configured. Please add IMAI_API_KEY to environment variables." }}
        onRefresh={() => {}}
        refreshing={false}
      />,
    );
    expect(screen.getByText(/add IMAI_API_KEY/)).toBeTruthy();
    expect(screen.getAllByText("Not configured").length).toBeGreaterThan(0);
  });

  it("marks stale figures", () => {
    render(
      <QuotaCard
        usage={{ ...base, stale: true, message: "IMAI did not answer in time. Showing the last known figures." }}
        onRefresh={() => {}}
        refreshing={false}
      />,
    );
    expect(screen.getByText("Stale")).toBeTruthy();
    expect(screen.getByText(/last known figures/)).toBeTruthy();
    expect(screen.getByText("7,500")).toBeTruthy();
  });
});
