import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { z } from "zod";
import { PERMISSIONS } from "../auth/permissions";
import type { Db } from "./db/database";
import { parseInput } from "./validate";

const query = z
  .object({
    _start: z.coerce.number().int().min(0).default(0),
    _end: z.coerce.number().int().min(1).optional(),
    _sort: z.enum(["id", "at", "action", "actor_email", "outcome", "target"]).default("id"),
    _order: z
      .enum(["asc", "desc", "ASC", "DESC"])
      .default("desc")
      .transform((o) => o.toLowerCase() as "asc" | "desc"),
    action: z.string().max(100).optional(),
    outcome: z.enum(["success", "failure"]).optional(),
    target: z.string().max(200).optional(),
    actor_email_like: z.string().max(254).optional(),
    at_gte: z.iso.datetime({ offset: true }).optional(),
    at_lte: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => q._end === undefined || q._end > q._start, { message: "must be greater than _start", path: ["_end"] })
  .refine((q) => q._end === undefined || q._end - q._start <= 500, { message: "a page holds at most 500 entries", path: ["_end"] });

/** GET /api/audit-logs in @refinedev/simple-rest's conventions (x-total-count). */
export function auditRoutes(app: FastifyInstance, db: Db) {
  app.get("/audit-logs", { config: { permission: PERMISSIONS.auditRead } }, async (request, reply) => {
    const q = parseInput(query, request.query, "query");
    let base = db.selectFrom("audit_log");
    if (q.action) base = base.where("action", "=", q.action);
    if (q.outcome) base = base.where("outcome", "=", q.outcome);
    if (q.target) base = base.where("target", "=", q.target);
    // % and _ typed by a person are themselves, not wildcards.
    if (q.actor_email_like) base = base.where(sql<boolean>`actor_email like ${`%${escapeLike(q.actor_email_like.toLowerCase())}%`} escape '\\'`);
    if (q.at_gte) base = base.where("at", ">=", new Date(q.at_gte).toISOString());
    if (q.at_lte) base = base.where("at", "<=", new Date(q.at_lte).toISOString());
    const limit = (q._end ?? q._start + 25) - q._start;
    const [rows, total] = await Promise.all([
      base.selectAll().orderBy(q._sort, q._order).orderBy("id", q._order).limit(limit).offset(q._start).execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    reply.header("x-total-count", String(Number(total.n)));
    reply.header("access-control-expose-headers", "x-total-count");
    return rows.map((r) => ({ ...r, details: r.details ? JSON.parse(r.details) : null }));
  });

  app.get("/audit-logs/actions", { config: { permission: PERMISSIONS.auditRead } }, async () => {
    const rows = await db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute();
    return rows.map((r) => r.action);
  });
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
