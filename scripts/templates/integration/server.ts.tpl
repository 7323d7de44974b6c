import { z } from "zod";
import { PERMISSIONS } from "../../auth/permissions";
import { computeQuota } from "../../auth/quota";
import { envVar } from "../../server/config";
import { defineIntegration } from "../../server/integration";
import { envelope } from "../../server/read";
import { refreshParam } from "../../server/refresh";
import { parseInput } from "../../server/validate";
import { API, PAGE } from "./api";
import { NAME, {{name}}Client } from "./client";
import { start{{Name}}Simulator } from "./simulator";

/** Its variables (documented in this folder's README); checked at start-up with the core's. */
const env = z.object({
  /** The upstream's root; unset: the simulator answers (demo mode). */
  {{ENV}}_API_BASE_URL: envVar.url(),
  {{ENV}}_API_KEY: envVar.secret(),
});

const itemsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE.max).default(PAGE.default),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  ...refreshParam,
});

const read = { config: { permission: PERMISSIONS.integrationRead } };

export default defineIntegration({
  id: "{{id}}",
  order: 100,
  name: NAME,
  env,
  baseUrlVar: "{{ENV}}_API_BASE_URL",
  startSimulator: () => start{{Name}}Simulator(),
  routes(app, ctx) {
    app.get(API.items, read, async (request) => {
      const { limit, offset, refresh } = parseInput(itemsQuery, request.query, "query");
      const page = await ctx.cache.get(`{{id}}:items:${limit}:${offset}`, () => {{name}}Client(ctx).items({ limit, offset }), { refresh });
      return envelope(ctx, page.value, [page]);
    });
  },
  overview: {
    provider: NAME,
    unit: "units",
    requires: ["{{ENV}}_API_BASE_URL", "{{ENV}}_API_KEY"],
    async read(ctx, refresh) {
      const quota = await ctx.cache.get("{{id}}:quota", () => {{name}}Client(ctx).quota(), { refresh });
      return { reads: [quota], figures: computeQuota(quota.value.limit, quota.value.remaining) };
    },
  },
});
