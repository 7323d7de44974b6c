import type { IntegrationContext } from "../../server/integration";
import { perContext } from "../../server/read";
import { createUpstreamClient, notConfigured } from "../../server/upstream/client";
import { errorBodySchema, itemPageSchema, quotaSchema } from "./contract";

export const NAME = "{{Title}}";

export interface {{Name}}Env {
  {{ENV}}_API_BASE_URL?: string;
  {{ENV}}_API_KEY?: string;
}
export type {{Name}}Context = IntegrationContext<{{Name}}Env>;

/** The upstream's calls: a bearer key, its error code from `{error: {code}}`; every failure is an `UpstreamError`. */
export const {{name}}Client = perContext(({ env, core }: {{Name}}Context) => {
  const upstream = createUpstreamClient({
    name: NAME,
    baseUrl: env.{{ENV}}_API_BASE_URL ?? "http://unset.invalid/",
    timeoutMs: core.UPSTREAM_TIMEOUT_MS,
    auth: () => {
      if (!env.{{ENV}}_API_BASE_URL) throw notConfigured(NAME, "{{ENV}}_API_BASE_URL");
      if (!env.{{ENV}}_API_KEY) throw notConfigured(NAME, "{{ENV}}_API_KEY");
      return { authorization: `Bearer ${env.{{ENV}}_API_KEY}` };
    },
    errorCode: (body) => errorBodySchema.safeParse(body).data?.error.code,
  });
  return {
    items: (query: { limit: number; offset: number }) => upstream.get("v1/items", itemPageSchema, { query }),
    quota: () => upstream.get("v1/quota", quotaSchema),
  };
});
