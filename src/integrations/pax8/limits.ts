/** Pax8's list limits and sort fields: plain constants, so the browser's first chunk needs no zod. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 10;
export const SORT_FIELDS = ["resourceGroup", "currentCharges", "partnerTotal"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortDirection = "asc" | "desc";
