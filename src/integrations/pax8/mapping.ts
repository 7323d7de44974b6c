import type { CrudFilter, CrudSort, Pagination } from "@refinedev/core";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_FIELDS, type SortField } from "./limits";

/*
 * Refine's list parameters ↔ Pax8's: pure functions, tested on their own, used by the data provider
 * and the pages.
 */

/** Refine counts pages from 1, Pax8 from 0; a page holds at most 200. */
export function toPax8Page(pagination: Pagination | undefined): { page: number; size: number } {
  const current = Math.max(1, Math.floor(pagination?.currentPage ?? 1));
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pagination?.pageSize ?? DEFAULT_PAGE_SIZE)));
  return { page: current - 1, size };
}

const isSortField = (field: string): field is SortField => (SORT_FIELDS as readonly string[]).includes(field);

/** The first sorter on a field Pax8 can sort by, as `field,asc|desc`. */
export function toPax8Sort(sorters: CrudSort[] | undefined): string | undefined {
  const sorter = sorters?.find((s) => isSortField(s.field));
  return sorter ? `${sorter.field},${sorter.order}` : undefined;
}

/** The `eq` filters the BFF understands, as query parameters; empty values are left out. */
export function toPax8Filters(filters: CrudFilter[] | undefined, fields: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const f of filters ?? []) {
    if (!("field" in f) || !fields.includes(f.field) || (f.operator !== "eq" && f.operator !== "contains")) continue;
    const value = typeof f.value === "string" ? f.value.trim() : f.value;
    if (value !== undefined && value !== null && value !== "") params[f.field] = String(value);
  }
  return params;
}

export const SUMMARY_FILTERS = ["resourceGroup", "companyId"] as const;
export const LINE_FILTERS = ["usageDate", "productId"] as const;

/** "4f1c…ad3e" for an id in a narrow cell; the full id stays in the title. */
export function shortId(id: string | undefined): string {
  return id ? `${id.slice(0, 8)}…` : "—";
}

/** The reasons a 422 gave per field (`{companyId: "must be a UUID"}`), for the inputs that show them. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const e = error as { statusCode?: number; errors?: Record<string, unknown> } | null | undefined;
  if (e?.statusCode !== 422 || !e.errors) return {};
  return Object.fromEntries(Object.entries(e.errors).map(([field, message]) => [field, String(message)]));
}

export const isNotFound = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode === 404;
