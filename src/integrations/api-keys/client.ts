import type { z } from "zod";
import { UpstreamError, upstreamFetch } from "../../server/upstream/http";
import {
  type APIKeySummary,
  type ApiUsageMetrics,
  apiKeyList,
  apiUsageMetrics,
  type CreateApiKeyBody,
  type CreatedApiKey,
  createdApiKey,
  PATHS,
  TASKS_MAX_LIMIT,
  type Task,
  type TaskPage,
  task,
  taskPage,
  upstreamErrorBody,
  type VerificationMetrics,
  verificationMetrics,
} from "./contract";

export const UPSTREAM = "The email-verification API";

export interface ApiKeysClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

export interface Range {
  from?: string;
  to?: string;
}

/** Typed client of the email-verification API, with the service token as a bearer. */
export function createApiKeysClient({ baseUrl, token, timeoutMs }: ApiKeysClientOptions) {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;

  async function call<S extends z.ZodType>(
    schema: S | null,
    path: string,
    options: { method?: "GET" | "POST" | "DELETE"; query?: Record<string, string | number | undefined>; body?: unknown } = {},
  ): Promise<z.infer<S>> {
    const url = new URL(path, root);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const res = await upstreamFetch({
      upstream: UPSTREAM,
      url: url.toString(),
      method: options.method,
      headers: { authorization: `Bearer ${token}` },
      body: options.body,
      timeoutMs,
    });
    if (res.status >= 200 && res.status < 300) {
      if (!schema) return undefined as z.infer<S>;
      const parsed = schema.safeParse(res.body);
      if (parsed.success) return parsed.data;
      throw new UpstreamError(UPSTREAM, "invalid_response", `${UPSTREAM} sent an answer the console does not understand`, res.status);
    }
    const failure = upstreamErrorBody.safeParse(res.body);
    const retryAfter = Number(res.headers.get("retry-after"));
    throw new UpstreamError(
      UPSTREAM,
      "http",
      `${UPSTREAM} answered ${res.status}`,
      res.status,
      failure.success ? failure.data.error : undefined,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }

  return {
    async listKeys(range: Range & { user_id?: string } = {}): Promise<APIKeySummary[]> {
      return (await call(apiKeyList, PATHS.keys, { query: { ...range } })).keys;
    },
    createKey(body: CreateApiKeyBody): Promise<CreatedApiKey> {
      return call(createdApiKey, PATHS.keys, { method: "POST", body });
    },
    async revokeKey(id: string): Promise<void> {
      await call(null, PATHS.key(id), { method: "DELETE" });
    },
    apiUsage(range: Range & { user_id?: string } = {}): Promise<ApiUsageMetrics> {
      return call(apiUsageMetrics, PATHS.apiUsage, { query: { ...range } });
    },
    verifications(range: Range = {}): Promise<VerificationMetrics> {
      return call(verificationMetrics, PATHS.verifications, { query: { ...range } });
    },
    listTasks(query: Range & { user_id: string; limit?: number; offset?: number }): Promise<TaskPage> {
      return call(taskPage, PATHS.tasks, { query: { ...query } });
    },
    getTask(id: string): Promise<Task> {
      return call(task, PATHS.task(id));
    },
    /** Every task of a user in the range, page by page. */
    async *allTasks(query: Range & { user_id: string }, pageSize = TASKS_MAX_LIMIT): AsyncGenerator<Task[]> {
      for (let offset = 0; ; offset += pageSize) {
        const page = await this.listTasks({ ...query, limit: pageSize, offset });
        if (page.tasks.length > 0) yield page.tasks;
        if (page.tasks.length < pageSize || offset + page.tasks.length >= page.total) return;
      }
    },
  };
}

export type ApiKeysClient = ReturnType<typeof createApiKeysClient>;
