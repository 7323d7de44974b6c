import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ReadPage } from "../../../client/read-page";
import type { RestaurantUsage } from "../contract";
import { figuresOf } from "../model";
import { UsageBadges, UsageBar, UsedOfLimit } from "./usage-cells";
import { HistoryCard, UsageSummary } from "./usage-summary";

const base: RestaurantUsage = {
  restaurantId: "r1",
  restaurantName: "Aegean Grill",
  conversationsThisMonth: 930,
  lastConversationAt: new Date().toISOString(),
  allowance: { dailyLimit: 1000, dailyRemaining: 980, monthlyLimit: 1000, monthlyRemaining: 70 },
  adjustedBy: 0,
  usagePercent: 93,
  isNearingQuota: true,
  firstActivity: "2026-06-01T08:00:00.000Z",
  lastActivity: null,
  isActive: true,
};
const unlimited: RestaurantUsage = {
  ...base,
  restaurantName: "Amber Dragon",
  conversationsThisMonth: 4210,
  allowance: { dailyLimit: -1, dailyRemaining: -1, monthlyLimit: -1, monthlyRemaining: -1 },
  usagePercent: undefined,
  isNearingQuota: false,
};
const over: RestaurantUsage = {
  ...base,
  restaurantName: "Alpine Curry House",
  conversationsThisMonth: 1130,
  usagePercent: 100,
  allowance: { ...base.allowance, monthlyRemaining: 0 },
};

function Row({ r }: { r: RestaurantUsage }) {
  const f = figuresOf(r);
  return (
    <div data-testid="row">
      <UsedOfLimit f={f} />
      <UsageBar f={f} name={r.restaurantName} />
      <UsageBadges f={f} isActive={r.isActive} />
    </div>
  );
}

describe("restaurant usage cells", () => {
  it("shows a near-quota restaurant with its figures, progress and badge", () => {
    render(<Row r={base} />);
    const row = screen.getByTestId("row");
    expect(row.textContent).toContain("930 / 1,000");
    expect(within(row).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("93");
    expect(within(row).getByText("Near quota")).toBeTruthy();
  });

  it("shows an unlimited plan as Unlimited, with no progress bar and no percent", () => {
    render(<Row r={unlimited} />);
    const row = screen.getByTestId("row");
    expect(row.textContent).toContain("4,210 / Unlimited");
    expect(within(row).queryByRole("progressbar")).toBeNull();
    expect(row.textContent).not.toMatch(/%/);
    expect(within(row).queryByText("Near quota")).toBeNull();
  });

  it("shows a restaurant past its limit as over quota, with the real count", () => {
    render(<Row r={over} />);
    const row = screen.getByTestId("row");
    expect(row.textContent).toContain("1,130 / 1,000");
    expect(within(row).getByText("Over quota")).toBeTruthy();
    expect(within(row).getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(within(row).queryByText("Near quota")).toBeNull();
  });
});

describe("restaurant summary", () => {
  it("says Unlimited for remaining and today on an unlimited plan; its page says demo and stale", () => {
    const restaurant = { ...unlimited, isActive: false };
    const meta = { fetchedAt: new Date().toISOString(), stale: true, demo: true, message: "Stale because." };
    render(
      <ReadPage title="Amber Dragon" queries={[{ data: restaurant, isError: false, error: null, refetch: async () => {} }]} meta={meta} errorTitle="x">
        <UsageSummary restaurant={restaurant} />
      </ReadPage>,
    );
    const card = screen.getByTestId("usage-summary");
    expect(within(card).getAllByText("Unlimited").length).toBeGreaterThanOrEqual(2);
    expect(within(card).getByText("Inactive")).toBeTruthy();
    expect(screen.getByText("Demo data")).toBeTruthy();
    expect(screen.getByText("Stale because.")).toBeTruthy();
  });

  it("draws six months of history", () => {
    render(
      <HistoryCard history={[{ month: new Date().getUTCMonth() + 1, year: new Date().getUTCFullYear(), conversationCount: 930, lastConversationAt: null }]} />,
    );
    const chart = screen.getByRole("img", { name: /last 6 months/ });
    expect(chart.querySelectorAll("rect")).toHaveLength(6);
    expect(chart.textContent).toContain("930");
  });
});
