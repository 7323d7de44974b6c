import { createHmac, randomBytes } from "node:crypto";
import { isRole, permissionsOf } from "../../auth/permissions";
import type { Db } from "../db/database";
import { nowIso } from "../db/database";

export const SESSION_COOKIE = "uc_session";

/** Who a request is, from the console's own sessions or the host's `authenticate`. */
export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  roles: string[];
  permissions: string[];
  /** The one restaurant an owner account is bound to. */
  restaurantId: string | null;
}

/**
 * Server-side sessions: the cookie holds an opaque random id; the database holds only its HMAC
 * (keyed by SESSION_SECRET, so rotating the secret signs everyone out and a copy of the table
 * opens no session).
 */
export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly idleMs: number,
    /** However active, a session ends this long after sign-in. */
    private readonly maxMs: number = 12 * 3600_000,
  ) {}

  private hash(id: string): string {
    return createHmac("sha256", this.secret).update(id).digest("base64url");
  }

  async create(userId: string): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const now = nowIso();
    await this.db
      .insertInto("sessions")
      .values({ id_hash: this.hash(id), user_id: userId, created_at: now, last_seen_at: now })
      .execute();
    return id;
  }

  /** Deletes sessions past their idle time or their lifetime. */
  async prune(): Promise<number> {
    const now = Date.now();
    const result = await this.db
      .deleteFrom("sessions")
      .where((eb) =>
        eb.or([eb("last_seen_at", "<", new Date(now - this.idleMs).toISOString()), eb("created_at", "<", new Date(now - this.maxMs).toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async destroy(id: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id_hash", "=", this.hash(id)).execute();
  }

  /** The session's user, or null when it is unknown or idle for too long (then it is deleted). */
  async resolve(id: string): Promise<ConsoleUser | null> {
    const idHash = this.hash(id);
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["sessions.last_seen_at", "sessions.created_at", "users.id", "users.email", "users.name", "users.role", "users.restaurant_id"])
      .where("sessions.id_hash", "=", idHash)
      .executeTakeFirst();
    if (!row) return null;
    const idle = Date.now() - Date.parse(row.last_seen_at);
    if (idle > this.idleMs || Date.now() - Date.parse(row.created_at) > this.maxMs || !isRole(row.role)) {
      await this.db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
      return null;
    }
    // Idle time is measured to the second: one write a second at most, not one per request.
    if (idle >= 1000) await this.db.updateTable("sessions").set({ last_seen_at: nowIso() }).where("id_hash", "=", idHash).execute();
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: [row.role],
      permissions: permissionsOf(row.role),
      restaurantId: row.restaurant_id,
    };
  }
}
