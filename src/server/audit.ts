import type { FastifyRequest } from "fastify";
import type { Db } from "./db/database";
import { nowIso } from "./db/database";

export interface AuditEntry {
  action: string;
  outcome: "success" | "failure";
  target?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** Who acted; defaults to the request's user. */
  actor?: { id: string | null; email: string | null };
  /** Entries with the same key fold into one row whose `count` grows (repeated sign-in failures). */
  repeatKey?: string;
}

export type Audit = ReturnType<typeof createAudit>;

/** The audit log: who, when, what, target, reason, request and outcome. */
export function createAudit(db: Db) {
  return {
    async record(request: FastifyRequest | null, entry: AuditEntry): Promise<void> {
      const actor = entry.actor ?? { id: request?.user?.id ?? null, email: request?.user?.email ?? null };
      await db
        .insertInto("audit_log")
        .values({
          at: nowIso(),
          actor_id: actor.id,
          actor_email: actor.email,
          action: entry.action,
          target: entry.target ?? null,
          reason: entry.reason ?? null,
          outcome: entry.outcome,
          request_id: request?.id ?? null,
          ip: request?.ip ?? null,
          details: entry.details ? JSON.stringify(entry.details) : null,
          repeat_key: entry.repeatKey ?? null,
        })
        .$if(entry.repeatKey !== undefined, (q) =>
          q.onConflict((oc) => oc.column("repeat_key").doUpdateSet((eb) => ({ count: eb(eb.ref("audit_log.count"), "+", 1) }))),
        )
        .execute();
    },
  };
}
