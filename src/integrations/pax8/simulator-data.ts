import { createHash } from "node:crypto";
import type { Subscription, UsageLine, UsageSummary } from "./contract";

/*
 * The simulator's believable, deterministic data: companies in five currencies, subscriptions of
 * several vendors (usage-based and not, trial and not), usage summaries per resource group, and
 * daily usage lines per meter. A summary's charges are the sum of its lines this month.
 */

/** A stable UUID (version 4 layout) derived from a name. */
export function uuidFrom(name: string): string {
  const h = createHash("sha1").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A number in [0, 1) derived from a name. */
const unit = (name: string) => parseInt(createHash("sha1").update(name).digest("hex").slice(0, 8), 16) / 0x1_0000_0000;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const meter = (productName: string, unitOfMeasure: string, unitPrice: number, daily: number) => ({
  line: { productId: uuidFrom(`meter:${productName}`), productName, unitOfMeasure, unitPrice },
  /** Typical quantity a day. */
  daily,
});
type Meter = ReturnType<typeof meter>;
const product = (name: string, vendor: string, price: number, meters: Meter[] = []) => ({ id: uuidFrom(`product:${name}`), name, vendor, price, meters });

const AZURE = product("Microsoft Azure Plan", "Microsoft", 0, [
  meter("Virtual Machines Dv5 Series - D2s v5", "1 Hour", 0.096, 48),
  meter("Virtual Machines Dv5 Series - D4s v5", "1 Hour", 0.192, 24),
  meter("Virtual Machines Bsv2 Series - B2s v2", "1 Hour", 0.0416, 72),
  meter("Managed Disks - P10 LRS Disk", "1/Month", 0.66, 3),
  meter("Managed Disks - E10 LRS Disk", "1/Month", 0.32, 4),
  meter("Blob Storage - Hot LRS Data Stored", "1 GB/Month", 0.0006, 5200),
  meter("Blob Storage - Write Operations", "10K", 0.055, 40),
  meter("Bandwidth - Data Transfer Out", "1 GB", 0.087, 35),
  meter("Azure SQL Database - General Purpose vCore", "1 Hour", 0.5044, 24),
  meter("SQL Database - Backup Storage", "1 GB/Month", 0.0033, 800),
  meter("App Service - P1 v3 App", "1 Hour", 0.2, 24),
  meter("Azure Monitor - Analytics Logs Data Ingestion", "1 GB", 2.3, 2.5),
  meter("Key Vault - Operations", "10K", 0.03, 12),
  meter("Azure Functions - Execution Time", "1 GB Second", 0.000016, 90000),
  meter("Azure Backup - Protected Instance", "1/Month", 0.33, 6),
  meter("Load Balancer - Data Processed", "1 GB", 0.005, 400),
  meter("Virtual Network - Peering Inbound", "1 GB", 0.01, 120),
  meter("Azure DNS - Public Queries", "1M", 0.4, 0.8),
  meter("Azure Cosmos DB - RU/s", "100/Hour", 0.008, 960),
  meter("Azure Cache for Redis - C1", "1 Hour", 0.1, 24),
  meter("Container Registry - Standard", "1/Day", 0.667, 1),
  meter("Azure Firewall - Deployment", "1 Hour", 1.25, 24),
  meter("Public IP Addresses - Standard", "1 Hour", 0.005, 96),
]);
const ACRONIS = product("Acronis Cyber Protect Cloud", "Acronis", 0, [
  meter("Acronis Cyber Protect - Workstation", "Device", 0.12, 40),
  meter("Acronis Cyber Protect - Server", "Device", 0.95, 6),
  meter("Acronis Hosted Cloud Storage", "1 GB", 0.0016, 9000),
  meter("Acronis Microsoft 365 Seat Backup", "Seat", 0.06, 55),
]);
const PROOFPOINT = product("Proofpoint Essentials - Usage", "Proofpoint", 0, [
  meter("Proofpoint Essentials - Professional", "User", 0.18, 30),
  meter("Proofpoint Essentials - Advanced", "User", 0.26, 18),
  meter("Proofpoint Essentials - Archive", "User", 0.07, 30),
]);
const WASABI = product("Wasabi Hot Cloud Storage", "Wasabi", 0, [meter("Wasabi Hot Cloud Storage - Stored", "1 TB/Month", 0.23, 14)]);
const M365 = product("Microsoft 365 Business Standard", "Microsoft", 12.5);
const DROPBOX = product("Dropbox Business Advanced", "Dropbox", 24);

const company = (name: string, currency: string) => ({ id: uuidFrom(`company:${name}`), name, currency });
type Company = ReturnType<typeof company>;

export const COMPANIES: Company[] = [
  company("IronCloud Technologies", "USD"),
  company("Northwind Traders", "USD"),
  company("Contoso Dental Group", "USD"),
  company("Bavaria Maschinenbau GmbH", "EUR"),
  company("Thames Legal LLP", "GBP"),
  company("Maple Leaf Accounting", "CAD"),
  company("Harbour Bridge Freight", "AUD"),
];

export type SimSubscription = Subscription & { productName: string; currencyCode: string; companyId: string };
export type SimSummary = UsageSummary & { subscriptionId: string; meters: Meter[] };

/** The simulator's data; `firstUsageDay` and `lastUsageDay` (yyyy-MM-dd) bound the days that have usage lines. */
export type Pax8Data = { subscriptions: SimSubscription[]; summaries: SimSummary[]; firstUsageDay: string; lastUsageDay: string };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Usage lines of one summary on one day (every meter that ran that day). */
export function linesFor(summary: SimSummary, usageDate: string, data: Pax8Data): UsageLine[] {
  if (usageDate < data.firstUsageDay || usageDate > data.lastUsageDay) return [];
  const { id, currencyCode, isTrial } = summary;
  return summary.meters
    .filter((m) => unit(`ran:${id}:${m.line.productId}:${usageDate}`) > 0.08)
    .map(({ line, daily }) => {
      const quantity = round(daily * (0.55 + unit(`q:${id}:${line.productId}:${usageDate}`) * 0.9), 3);
      const currentCharges = round(quantity * line.unitPrice);
      const partnerTotal = round(currentCharges * 0.82);
      const currentProfit = round(currentCharges - partnerTotal);
      return { usageSummaryId: id, usageDate, ...line, quantity, currentCharges, currentProfit, partnerTotal, currencyCode, isTrial };
    });
}

/** Resource groups of a usage-based subscription: how many of the product's meters each uses, and its company when not the subscriber. */
type Groups = Record<string, number | [meters: number, company: Company]>;
type Plan = [company: Company, product: ReturnType<typeof product>, status: string, billingTerm: string, quantity: number, start: string, groups?: Groups];

/** Builds the data as of `today` (UTC): lines from the first day of last month up to today. */
export function buildPax8Data(today = new Date()): Pax8Data {
  const [iron, northwind, contoso, bavaria, thames, maple, harbour] = COMPANIES;
  // IronCloud's Azure plan also runs its customers' resource groups: rg-northwind-* and rg-contoso-* are theirs.
  const owners: Record<string, Company> = { northwind, contoso };
  const ironcloud: Groups = Object.fromEntries(
    `rg-ironcloud-prod 23, rg-ironcloud-dev 9, rg-ironcloud-data 12, rg-northwind-erp 8, rg-northwind-web 6, rg-contoso-imaging 10, rg-contoso-backup 4,
     rg-shared-network 5, rg-shared-monitoring 3, rg-ironcloud-ai 7, rg-ironcloud-sandbox 4, rg-northwind-reports 5, rg-contoso-portal 6, rg-ironcloud-dr 5`
      .split(",")
      .map((g) => g.trim().split(" "))
      .map(([name, n]) => [name, name.split("-")[1] in owners ? [Number(n), owners[name.split("-")[1]]] : Number(n)]),
  );
  const plans: Plan[] = [
    [iron, AZURE, "Active", "Monthly", 1, "2024-03-01", ironcloud],
    [bavaria, AZURE, "Active", "Monthly", 1, "2023-11-01", { "rg-bavaria-mes": 14, "rg-bavaria-sap": 11, "rg-bavaria-iot": 9, "rg-bavaria-test": 4 }],
    [thames, ACRONIS, "Active", "Monthly", 1, "2024-06-12", { "Thames Legal - London": 4, "Thames Legal - Reading": 3 }],
    [maple, AZURE, "Trial", "Trial", 1, "2026-10-20", { "rg-mapleleaf-pilot": 6, "rg-mapleleaf-files": 3 }],
    [harbour, WASABI, "Active", "Monthly", 1, "2025-02-01", { "Harbour Bridge - Archive": 1 }],
    [contoso, PROOFPOINT, "Active", "Monthly", 1, "2022-09-21", { "Contoso Dental Group": 3 }],
    [northwind, M365, "Active", "Monthly", 48, "2021-01-01"],
    [iron, DROPBOX, "PendingCancel", "Annual", 12, "2023-04-30"],
    [thames, M365, "Active", "Annual", 22, "2024-06-12"],
  ];
  const monthStart = `${day(today).slice(0, 7)}-01`;
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const data: Pax8Data = { subscriptions: [], summaries: [], firstUsageDay: day(first), lastUsageDay: day(today) };
  const monthDays: string[] = [];
  for (let d = new Date(`${monthStart}T00:00:00Z`); day(d) <= data.lastUsageDay; d.setUTCDate(d.getUTCDate() + 1)) monthDays.push(day(d));

  for (const [i, [company, product, status, billingTerm, quantity, start, groups = {}]] of plans.entries()) {
    const id = uuidFrom(`subscription:${company.name}:${product.name}:${i}`);
    const who = { id, companyId: company.id, productId: product.id, productName: product.name, vendorSubscriptionId: uuidFrom(`vendor-sub:${id}`) };
    const when = { startDate: `${start}T08:30:00Z`, createdDate: `${start}T08:00:00Z`, billingStart: start };
    const money = { price: product.price, currencyCode: company.currency, partnerCost: round(product.price * 0.8) };
    data.subscriptions.push({ ...who, ...when, ...money, quantity, status, billingTerm });
    for (const [g, [resourceGroup, group]] of Object.entries(groups).entries()) {
      const [count, owner = company] = typeof group === "number" ? [group] : group;
      const all = product.meters;
      const offset = Math.floor(unit(`offset:${resourceGroup}`) * all.length);
      const meters = Array.from({ length: Math.min(count, all.length) }, (_, k) => all[(offset + k) % all.length]);
      const isTrial = status === "Trial" || (product === ACRONIS && g === 1);
      const ids = { id: uuidFrom(`summary:${id}:${resourceGroup}`), companyId: owner.id, subscriptionId: id, productId: product.id };
      const summary: SimSummary = { ...ids, resourceGroup, vendorName: product.vendor, currencyCode: company.currency, isTrial, meters };
      const lines = monthDays.flatMap((d) => linesFor(summary, d, data));
      const sum = (key: "currentCharges" | "partnerTotal") => lines.reduce((s, l) => s + (l[key] ?? 0), 0);
      data.summaries.push(Object.assign(summary, { currentCharges: round(sum("currentCharges")), partnerTotal: round(sum("partnerTotal"), 3) }));
    }
  }
  return data;
}

/** A summary as Pax8 sends it (without the simulator's own bookkeeping). */
export const publicSummary = ({ meters: _meters, ...summary }: SimSummary): UsageSummary => summary;
