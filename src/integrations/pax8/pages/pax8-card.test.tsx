import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { IntegrationUsage } from "../../usage";
import { chargesByCurrency, headline, type Pax8UsageDetails } from "../charges";
import { Pax8Card } from "./pax8-card";

const charges = chargesByCurrency(
  [
    { currencyCode: "USD", currentCharges: 9000, partnerTotal: 7000 },
    { currencyCode: "EUR", currentCharges: 1200.5, partnerTotal: 1000 },
    { currencyCode: "GBP", currentCharges: 80, partnerTotal: 60 },
  ],
  { USD: 12000, EUR: 1000 },
);
const details: Pax8UsageDetails = { month: "2026-11", charges, summaries: 3, subscriptions: 2 };
const usage: IntegrationUsage = {
  id: "pax8",
  provider: "Pax8",
  name: "Pax8",
  ...headline(charges),
  status: "active",
  fetchedAt: new Date().toISOString(),
  stale: false,
  demo: true,
  details: details as never,
};

const renderCard = (u: IntegrationUsage, onRefresh = () => {}) =>
  render(
    <MemoryRouter>
      <Pax8Card usage={u} onRefresh={onRefresh} refreshing={false} />
    </MemoryRouter>,
  );

describe("Pax8Card", () => {
  it("shows this month's charges in each currency, each budget with its bar", () => {
    renderCard(usage);
    expect(screen.getByTestId("pax8-charges-USD").textContent).toContain("$9,000.00");
    expect(screen.getByTestId("pax8-charges-USD").textContent).toContain("of $12,000.00 budget");
    expect(screen.getByTestId("pax8-charges-EUR").textContent).toContain("€1,200.50");
    expect(screen.getByTestId("pax8-charges-GBP").textContent).toContain("£80.00");
    const bars = screen.getAllByRole("progressbar");
    expect(bars.map((b) => b.getAttribute("aria-valuenow"))).toEqual(["75", "100"]);
    expect(screen.getByText("120.05%")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Open Pax8 usage summaries/ }).getAttribute("href")).toBe("/pax8");
  });

  it("shows no bar without a budget", () => {
    const plain = chargesByCurrency([{ currencyCode: "USD", currentCharges: 5 }]);
    renderCard({ ...usage, ...headline(plain), details: { ...details, charges: plain } as never });
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(screen.getByText("$5.00")).toBeTruthy();
  });

  it("shows Pax8's failure in words with a Retry", async () => {
    const onRefresh = vi.fn();
    renderCard({ ...usage, status: "error", details: undefined, message: "Pax8 did not answer in time. Please try again." }, onRefresh);
    expect(screen.getByText("Pax8 did not answer in time. Please try again.")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: /Retry/ }));
    expect(onRefresh).toHaveBeenCalledOnce();
  });
});
