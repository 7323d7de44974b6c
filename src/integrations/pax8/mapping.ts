import type { CrudFilter, CrudSort, Pagination } from "@refinedev/core";
import { limitOffset } from "../../client/data-provider";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORT_FIELDS } from "./limits";

/*
 * Refine's list parameters ↔ Pax8's: pure functions, tested on their own, used by the data provider
 * and the pages.
 */

/** Refine counts pages from 1, Pax8 from 0; a page holds at most 200. */
export function toPax8Page(pagination: Pagination | undefined): { page: number; size: number } {
  const { limit, offset } = limitOffset(pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { page: offset / limit, size: limit };
}

/** The first sorter on a field Pax8 can sort by, as `field,asc|desc`. */
export function toPax8Sort(sorters: CrudSort[] | undefined): string | undefined {
  const sorter = sorters?.find((s) => (SORT_FIELDS as readonly string[]).includes(s.field));
  return sorter ? `${sorter.field},${sorter.order}` : undefined;
}

/** The `eq` filters the BFF understands, as query parameters, trimmed; empty values are left out. */
export function toPax8Filters(filters: CrudFilter[] | undefined, fields: readonly string[]): Record<string, string> {
  const wanted = (filters ?? []).filter((f) => "field" in f && fields.includes(f.field) && (f.operator === "eq" || f.operator === "contains"));
  const values = wanted.map((f) => [(f as { field: string }).field, typeof f.value === "string" ? f.value.trim() : f.value]);
  return Object.fromEntries(values.filter(([, v]) => v !== undefined && v !== null && v !== "").map(([k, v]) => [k, String(v)]));
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
  return e?.statusCode === 422 && e.errors ? Object.fromEntries(Object.entries(e.errors).map(([field, message]) => [field, String(message)])) : {};
}

export const isNotFound = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode === 404;
