import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";

dayjs.extend(relativeTime);

const LOCALE = "en-US";
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/** 10000 → "10,000"; null → "—". */
export function formatNumber(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "—";
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

/** 25 → "25%", 33.333 → "33.33%". */
export function formatPercent(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? "—" : `${decimal.format(n)}%`;
}

/**
 * An amount in its own currency: (1234.5, "EUR") → "€1,234.50"; an unknown code falls back to
 * "1,234.50 XYZ". Amounts under a cent keep up to six decimals (unit prices): 0.000016 → "$0.000016".
 */
export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount == null || !Number.isFinite(amount)) return "—";
  const subCent = amount !== 0 && Math.abs(amount) < 0.01;
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency: currency || "USD", ...(subCent ? { maximumFractionDigits: 6 } : {}) }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency ?? ""}`.trim();
  }
}

/** "3 minutes ago". */
export function formatRelative(iso: string | null | undefined): string {
  return iso ? dayjs(iso).fromNow() : "—";
}

/** "24 Nov 2026, 12:05". */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("D MMM YYYY, HH:mm") : "—";
}

/** "24 Nov 2026". */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("D MMM YYYY") : "—";
}
