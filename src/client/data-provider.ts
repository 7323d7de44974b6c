import type { BaseRecord, CrudFilter, CrudSort, DataProvider, Pagination } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import type { Envelope, ReadMeta } from "../integrations/usage";
import { http } from "./http";

/** What a list read gets from Refine. */
export interface ListParams {
  pagination?: Pagination;
  filters?: CrudFilter[];
  sorters?: CrudSort[];
  meta?: Record<string, unknown>;
}

export interface ListRead {
  /** The BFF path, relative to the API base; `:name` segments are filled from `meta` (encoded). */
  path: string;
  /** The query string of a read: Refine's paging, filters and sort in the BFF's words. */
  query?: (params: ListParams) => Record<string, unknown>;
  /** The rows and the total in the envelope's `data` (default: `data` is the rows). */
  rows?: (data: any) => unknown[];
  total?: (data: any, rows: unknown[]) => number;
}

export interface ResourceApi {
  list?: ListRead;
  /** The path of one record; `:id` is the record's id. */
  one?: string;
  /** Where a new record is posted. */
  create?: string;
  /** The path that deletes one record; `:id` is the record's id. */
  remove?: string;
}

/** The value of a filter on `field`, if set. */
export function filterValue(filters: CrudFilter[] | undefined, field: string): string | undefined {
  const f = filters?.find((x) => "field" in x && x.field === field && x.value !== undefined && x.value !== null && x.value !== "");
  return f ? String(f.value) : undefined;
}

/** Refine's page (from 1) as limit and offset. */
export function limitOffset(pagination: Pagination | undefined, defaultSize: number, max: number) {
  const limit = Math.min(max, Math.max(1, pagination?.pageSize ?? defaultSize));
  return { limit, offset: (Math.max(1, pagination?.currentPage ?? 1) - 1) * limit };
}

/** Fills `:name` segments of a path from `values`; a missing one is the user's next step, said in words. */
export function fillPath(path: string, values: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === "")
      throw {
        message: `Choose a ${name
          .replace(/Id$/, "")
          .replace(/([A-Z])/g, " $1")
          .toLowerCase()} first.`,
        statusCode: 400,
      };
    return encodeURIComponent(String(value));
  });
}

const refused = (what: string) => () => Promise.reject({ message: `This cannot ${what} here.`, statusCode: 405 });

/**
 * The one data provider of the BFF's reads and writes: every read answers `{data, meta}` and the
 * meta (fetchedAt, stale, demo, message) comes back as the result's `meta`. An integration
 * describes its resources; nothing else is written per integration.
 */
export function createDataProvider(resources: Record<string, ResourceApi>, client: AxiosInstance = http): DataProvider {
  const api = (resource: string, what: keyof ResourceApi) => {
    const found = resources[resource]?.[what];
    if (!found) throw { message: `No ${what} of ${resource} here.`, statusCode: 404 };
    return found;
  };
  return {
    getApiUrl: () => client.defaults.baseURL ?? "",
    async getList<T extends BaseRecord>(params: Parameters<DataProvider["getList"]>[0]) {
      const read = api(params.resource, "list") as ListRead;
      const { data: body } = await client.get<Envelope<unknown>>(fillPath(read.path, params.meta), { params: read.query?.(params) });
      const rows = (read.rows?.(body.data) ?? body.data) as T[];
      return { data: rows, total: read.total?.(body.data, rows) ?? rows.length, meta: body.meta };
    },
    async getOne<T extends BaseRecord>({ resource, id, meta }: Parameters<DataProvider["getOne"]>[0]) {
      const path = fillPath(api(resource, "one") as string, { ...meta, id });
      const { data: body } = await client.get<Envelope<T>>(path);
      return { data: body.data, meta: body.meta };
    },
    async create<T extends BaseRecord, V>({ resource, variables }: Parameters<DataProvider["create"]>[0] & { variables: V }) {
      const { data } = await client.post<T>(api(resource, "create") as string, variables);
      return { data };
    },
    async deleteOne<T extends BaseRecord>({ resource, id, meta }: Parameters<DataProvider["deleteOne"]>[0]) {
      await client.delete(fillPath(api(resource, "remove") as string, { ...meta, id }));
      return { data: { id } as unknown as T };
    },
    update: refused("be edited"),
  };
}

export type { ReadMeta };
