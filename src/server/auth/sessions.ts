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
 * How long a replica trusts a session it looked up without asking the database again: a session
 * revoked on another replica (or its user changed) is refused here within this, under a second.
 */
export const SESSION_RECHECK_MS = 500;
/** Sessions remembered per replica at most; the oldest goes first. */
const MAX_REMEMBERED = 10_000;

interface Remembered {
  user: ConsoleUser;
  createdAt: number;
  /** Last use written to the database. */
  lastSeenAt: number;
  /** When the database was asked. */
  checkedAt: number;
}

/**
 * Server-side sessions: the cookie holds an opaque random id; the database holds only its HMAC
 * (keyed by SESSION_SECRET, so rotating the secret signs everyone out and a copy of the table
 * opens no session).
 *
 * A lookup is remembered for SESSION_RECHECK_MS (and shared by the requests that arrive while it
 * runs), so a busy session costs the database about two queries a second, not one per request;
 * sign-out forgets it at once on this replica.
 */
export class Sessions {
  private readonly remembered = new Map<string, Remembered>();
  private readonly lookups = new Map<string, Promise<ConsoleUser | null>>();

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
    this.remembered.delete(id);
    await this.db.deleteFrom("sessions").where("id_hash", "=", this.hash(id)).execute();
  }

  /** The session's user, or null when it is unknown, idle for too long or past its lifetime (then it is deleted). */
  resolve(id: string): Promise<ConsoleUser | null> {
    const now = Date.now();
    // Remembered under the cookie's own value (only in this process's memory): a hit needs no HMAC.
    const known = this.remembered.get(id);
    // Trusted only while recent and certainly alive; otherwise the database decides.
    if (known && now - known.checkedAt < SESSION_RECHECK_MS && now - known.lastSeenAt <= this.idleMs && now - known.createdAt <= this.maxMs) {
      return Promise.resolve(known.user);
    }
    let lookup = this.lookups.get(id);
    if (!lookup) {
      lookup = this.lookup(id).finally(() => this.lookups.delete(id));
      this.lookups.set(id, lookup);
    }
    return lookup;
  }

  private async lookup(id: string): Promise<ConsoleUser | null> {
    this.remembered.delete(id);
    const idHash = this.hash(id);
    const row = await this.db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select(["sessions.last_seen_at", "sessions.created_at", "users.id", "users.email", "users.name", "users.role", "users.restaurant_id"])
      .where("sessions.id_hash", "=", idHash)
      .executeTakeFirst();
    if (!row) return null;
    const now = Date.now();
    let lastSeenAt = Date.parse(row.last_seen_at);
    const createdAt = Date.parse(row.created_at);
    if (now - lastSeenAt > this.idleMs || now - createdAt > this.maxMs || !isRole(row.role)) {
      await this.db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
      return null;
    }
    // Idle time is measured to the second: one write a second at most, not one per request.
    if (now - lastSeenAt >= 1000) {
      await this.db
        .updateTable("sessions")
        .set({ last_seen_at: new Date(now).toISOString() })
        .where("id_hash", "=", idHash)
        .execute();
      lastSeenAt = now;
    }
    const user: ConsoleUser = {
      id: row.id,
      email: row.email,
      name: row.name,
      roles: [row.role],
      permissions: permissionsOf(row.role),
      restaurantId: row.restaurant_id,
    };
    this.remembered.set(id, { user, createdAt, lastSeenAt, checkedAt: now });
    if (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
    return user;
  }
}
