import type { z } from "zod";
import { createUpstreamClient } from "../../server/upstream/client";
import type { FailureWords } from "../../server/upstream/failure";
import {
  apiKeyList,
  apiUsageMetrics,
  type createApiKeyBody,
  createdApiKey,
  PATHS,
  TASKS_MAX_LIMIT,
  type Task,
  taskPage,
  upstreamErrorBody,
  verificationMetrics,
} from "./contract";

export const UPSTREAM = "The email-verification API";

/** The integration's own words for its upstream's failures (the core says the rest). */
export const WORDS: FailureWords = { codes: { unauthorized: `${UPSTREAM} refused APIKEYS_SERVICE_TOKEN.` } };

export type Range = { from?: string; to?: string };

/** Typed client of the email-verification API, with the service token as a bearer (`auth` throws "not configured" without one). */
export function createApiKeysClient(options: { baseUrl: string; auth: () => Record<string, string>; timeoutMs?: number }) {
  const api = createUpstreamClient({ name: UPSTREAM, ...options, errorCode: (body) => upstreamErrorBody.safeParse(body).data?.error });
  const listTasks = (query: Range & { user_id: string; limit?: number; offset?: number }) => api.get(PATHS.tasks, taskPage, { query });
  return {
    listKeys: async (query: Range & { user_id?: string } = {}) => (await api.get(PATHS.keys, apiKeyList, { query })).keys,
    createKey: (body: z.infer<typeof createApiKeyBody>) => api.post(PATHS.keys, createdApiKey, body),
    revokeKey: async (id: string) => void (await api.delete(PATHS.key(id))),
    apiUsage: (query: Range & { user_id?: string } = {}) => api.get(PATHS.apiUsage, apiUsageMetrics, { query }),
    verifications: (query: Range = {}) => api.get(PATHS.verifications, verificationMetrics, { query }),
    /** Every task of a user in the range, page by page. */
    async *allTasks(query: Range & { user_id: string }, pageSize = TASKS_MAX_LIMIT): AsyncGenerator<Task[]> {
      for (let offset = 0; ; offset += pageSize) {
        const page = await listTasks({ ...query, limit: pageSize, offset });
        if (page.tasks.length > 0) yield page.tasks;
        if (page.tasks.length < pageSize || offset + page.tasks.length >= page.total) return;
      }
    },
  };
}

export type ApiKeysClient = ReturnType<typeof createApiKeysClient>;
