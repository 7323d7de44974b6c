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

/** `{a: type.optional(), b: …}` for the given keys: the document marks no response property as required. */
const optional = <T extends z.ZodType, K extends string>(type: T, ...keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, type.optional()])) as Record<K, z.ZodOptional<T>>;
const [text, num, bool] = [z.string(), z.number(), z.boolean()];

/** Page metadata: 0-based `number`; the document gives `totalElements`/`totalPages`/`number` no type. */
export const pageSchema = z.looseObject({ size: num, totalElements: num, totalPages: num, number: num });

/**
 * A usage summary: `currentCharges` and `partnerTotal` are the current month's, in `currencyCode`.
 * `subscriptionId` is not in the document's schema, but in its example.
 */
export const usageSummarySchema = z.looseObject({
  id: text,
  ...optional(text, "companyId", "subscriptionId", "productId", "resourceGroup", "vendorName", "currencyCode"),
  ...optional(num, "currentCharges", "partnerTotal"),
  isTrial: bool.optional(),
});

/** A usage line; `usageSummaryId` is in the document's schema, absent from its example. */
export const usageLineSchema = z.looseObject({
  ...optional(text, "usageSummaryId", "usageDate", "productName", "productId", "unitOfMeasure", "currencyCode"),
  ...optional(num, "quantity", "currentCharges", "currentProfit", "partnerTotal", "unitPrice"),
  isTrial: bool.optional(),
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

/** A subscription; `status` is an enum in the document, kept as a string so a new status does not break the list. */
export const subscriptionSchema = z.looseObject({
  id: text,
  ...optional(text, "parentSubscriptionId", "companyId", "productId", "vendorSubscriptionId", "vendorSkuId", "startDate", "endDate", "createdDate"),
  ...optional(text, "updatedDate", "billingStart", "status", "currencyCode", "productName", "billingTerm"),
  ...optional(num, "quantity", "price", "partnerCost"),
});

const pageOf = <T extends z.ZodType>(item: T) => z.looseObject({ content: z.array(item), page: pageSchema });
export const usageSummaryListSchema = pageOf(usageSummarySchema);
export const usageLineListSchema = pageOf(usageLineSchema);
export const subscriptionListSchema = pageOf(subscriptionSchema);

/** Pax8's error body: `{type, message, instance, status, details: [{message, ...}]}`. */
const problem = { ...optional(text, "type", "message", "instance"), status: num.optional() };
export const pax8ErrorSchema = z.looseObject({ ...problem, details: z.array(z.looseObject(problem)).optional() });

/** authentication.json: POST /token's answer. */
export const tokenResponseSchema = z.looseObject({ access_token: z.string().min(1), expires_in: z.number().positive(), token_type: text.optional() });

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

const paging = { page: integer(0), size: integer(1, MAX_PAGE_SIZE) };
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blank, z.enum(values, { error: `must be one of ${values.join(", ")}` }).optional());

export type UsageSummarySort = SortField | `${SortField},${SortDirection}`;
const SORT = new RegExp(`^(${SORT_FIELDS.join("|")})(,(asc|desc))?$`);
/** `field` or `field,asc|desc`, field one of resourceGroup, currentCharges, partnerTotal. */
const sortField = z.preprocess(
  blank,
  z
    .string()
    .regex(SORT, `must be one of ${SORT_FIELDS.join(", ")}, optionally followed by ,asc or ,desc`)
    .optional(),
);

/** A real calendar date written yyyy-MM-dd (2026-02-30 is refused). */
const usageDateField = z.iso.date({ error: (i) => (i.input === undefined ? "is required (yyyy-MM-dd)" : "must be a real date written yyyy-MM-dd") });

export const listSubscriptionsOptions = z.object({
  ...paging,
  companyId: optionalUuid,
  productId: optionalUuid,
  status: oneOf(SUBSCRIPTION_STATUSES),
  billingTerm: oneOf(BILLING_TERMS),
});
const resourceGroup = z.preprocess(blank, z.string().max(200, "must be at most 200 characters").optional());
export const listUsageSummariesOptions = z.object({
  ...paging,
  sort: sortField,
  resourceGroup,
  companyId: optionalUuid,
});
export const listUsageLinesOptions = z.object({ usageDate: usageDateField, productId: optionalUuid, ...paging });

/** What the typed client takes: the checked options' own types (page 0-based, size 1–200 with Pax8's default 10, usageDate yyyy-MM-dd). */
export type ListSubscriptionsOptions = z.output<typeof listSubscriptionsOptions>;
export type ListUsageSummariesOptions = z.output<typeof listUsageSummariesOptions>;
export type ListUsageLinesOptions = z.output<typeof listUsageLinesOptions>;
