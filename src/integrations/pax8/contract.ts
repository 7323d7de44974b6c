import { z } from "zod";
import { MAX_PAGE_SIZE, SORT_FIELDS, type SortDirection, type SortField } from "./limits";

/*
 * Pax8's shapes, written from the official partner-endpoints.json (OpenAPI 3.0.1). The document
 * marks no response property as required, and its own examples break some declared formats (a
 * usage line's productId "e73f3a55-f1da-4efd-88eb-bf3je60ad5lq", subscription dates without a
 * time), so responses are parsed leniently: types are checked, formats are not, unknown properties
 * are kept. Only the ids the console needs to link to are required. Inputs are checked strictly.
 * This module is shared by the Node client and the browser: zod only.
 */

/** Page metadata: 0-based `number`; the document gives `totalElements`/`totalPages`/`number` no type. */
export const pageSchema = z.looseObject({
  size: z.number(),
  totalElements: z.number(),
  totalPages: z.number(),
  number: z.number(),
});

export const usageSummarySchema = z.looseObject({
  id: z.string(),
  companyId: z.string().optional(),
  /** Not in the document's schema, but in its example. */
  subscriptionId: z.string().optional(),
  productId: z.string().optional(),
  resourceGroup: z.string().optional(),
  vendorName: z.string().optional(),
  /** Charges for the current month, in `currencyCode`. */
  currentCharges: z.number().optional(),
  currencyCode: z.string().optional(),
  /** The partner total for the current month. */
  partnerTotal: z.number().optional(),
  isTrial: z.boolean().optional(),
});

export const usageLineSchema = z.looseObject({
  /** In the document's schema, absent from its example. */
  usageSummaryId: z.string().optional(),
  usageDate: z.string().optional(),
  productName: z.string().optional(),
  productId: z.string().optional(),
  unitOfMeasure: z.string().optional(),
  quantity: z.number().optional(),
  currentCharges: z.number().optional(),
  currentProfit: z.number().optional(),
  partnerTotal: z.number().optional(),
  unitPrice: z.number().optional(),
  currencyCode: z.string().optional(),
  isTrial: z.boolean().optional(),
});

export const SUBSCRIPTION_STATUSES = [
  "Active",
  "Cancelled",
  "PendingManual",
  "PendingAutomated",
  "PendingCancel",
  "WaitingForDetails",
  "Trial",
  "Converted",
  "PendingActivation",
  "Activated",
] as const;
export const BILLING_TERMS = ["Monthly", "Annual", "2-Year", "3-Year", "One-Time", "Trial", "Activation"] as const;

export const subscriptionSchema = z.looseObject({
  id: z.string(),
  parentSubscriptionId: z.string().optional(),
  companyId: z.string().optional(),
  productId: z.string().optional(),
  vendorSubscriptionId: z.string().optional(),
  vendorSkuId: z.string().optional(),
  quantity: z.number().optional(),
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  createdDate: z.string().optional(),
  updatedDate: z.string().optional(),
  billingStart: z.string().optional(),
  /** An enum in the document; kept as a string so a new status does not break the list. */
  status: z.string().optional(),
  price: z.number().optional(),
  currencyCode: z.string().optional(),
  partnerCost: z.number().optional(),
  productName: z.string().optional(),
  billingTerm: z.string().optional(),
});

const pageOf = <T extends z.ZodType>(item: T) => z.looseObject({ content: z.array(item), page: pageSchema });
export const usageSummaryListSchema = pageOf(usageSummarySchema);
export const usageLineListSchema = pageOf(usageLineSchema);
export const subscriptionListSchema = pageOf(subscriptionSchema);

/** Pax8's error body: `{type, message, instance, status, details: [{message, ...}]}`. */
export const pax8ErrorSchema = z.looseObject({
  type: z.string().optional(),
  message: z.string().optional(),
  instance: z.string().optional(),
  status: z.number().optional(),
  details: z
    .array(z.looseObject({ message: z.string().optional(), type: z.string().optional(), instance: z.string().optional(), status: z.number().optional() }))
    .optional(),
});

/** authentication.json: POST /token's answer. */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

export type UsageSummary = z.infer<typeof usageSummarySchema>;
export type UsageLine = z.infer<typeof usageLineSchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type UsageSummaryListResponse = z.infer<typeof usageSummaryListSchema>;
export type UsageLineListResponse = z.infer<typeof usageLineListSchema>;
export type SubscriptionListResponse = z.infer<typeof subscriptionListSchema>;
export type Pax8ErrorBody = z.infer<typeof pax8ErrorSchema>;

// ---- Inputs: checked before any request, by the client and by the BFF routes alike. ----

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_FIELDS, type SortDirection, type SortField } from "./limits";

/** Query strings arrive as text, the typed client gets numbers: both are accepted, "" is unset. */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const integer = (min: number, max?: number) => {
  let n = z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(min, `must be at least ${min}`);
  if (max !== undefined) n = n.max(max, `must be at most ${max}`);
  return z.preprocess(blank, n.optional());
};
export const uuidField = z.guid({ error: "must be a UUID" });
const optionalUuid = z.preprocess(blank, uuidField.optional());

export const pageField = integer(0);
export const sizeField = integer(1, MAX_PAGE_SIZE);

/** `field` or `field,asc|desc`, field one of resourceGroup, currentCharges, partnerTotal. */
export const sortField = z.preprocess(
  blank,
  z
    .string()
    .regex(new RegExp(`^(${SORT_FIELDS.join("|")})(,(asc|desc))?$`), `must be one of ${SORT_FIELDS.join(", ")}, optionally followed by ,asc or ,desc`)
    .transform((v) => v as UsageSummarySort)
    .optional(),
);

/** A real calendar date written yyyy-MM-dd (2026-02-30 is refused). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
export const usageDateField = z.string({ error: "is required (yyyy-MM-dd)" }).refine(isRealDate, "must be a real date written yyyy-MM-dd");

export const listSubscriptionsOptions = z.object({
  page: pageField,
  size: sizeField,
  companyId: optionalUuid,
  productId: optionalUuid,
  status: z.preprocess(blank, z.enum(SUBSCRIPTION_STATUSES, { error: `must be one of ${SUBSCRIPTION_STATUSES.join(", ")}` }).optional()),
  billingTerm: z.preprocess(blank, z.enum(BILLING_TERMS, { error: `must be one of ${BILLING_TERMS.join(", ")}` }).optional()),
});

export const listUsageSummariesOptions = z.object({
  page: pageField,
  size: sizeField,
  sort: sortField,
  resourceGroup: z.preprocess(blank, z.string().max(200, "must be at most 200 characters").optional()),
  companyId: optionalUuid,
});

export const listUsageLinesOptions = z.object({
  usageDate: usageDateField,
  productId: optionalUuid,
  page: pageField,
  size: sizeField,
});

export type UsageSummarySort = SortField | `${SortField},${SortDirection}`;

/** What the typed client takes: the checked options' own types (page 0-based, size 1–200 with Pax8's default 10, usageDate yyyy-MM-dd). */
export type ListSubscriptionsOptions = z.output<typeof listSubscriptionsOptions>;
export type ListUsageSummariesOptions = z.output<typeof listUsageSummariesOptions>;
export type ListUsageLinesOptions = z.output<typeof listUsageLinesOptions>;
