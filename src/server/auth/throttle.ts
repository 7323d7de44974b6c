import type { Db } from "../db/database";
import { nowIso } from "../db/database";

const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 15 * 60_000;

/**
 * Failed-login throttle kept in the database, so every replica sees the same count. After
 * `threshold` failures within 15 minutes a key is locked for 30 s, doubling with each further
 * failure up to 15 minutes.
 */
export class LoginThrottle {
  constructor(private readonly db: Db) {}

  /** Seconds until `key` may try again, or 0. */
  async lockedFor(key: string): Promise<number> {
    const row = await this.db.selectFrom("login_throttle").select("locked_until").where("key", "=", key).executeTakeFirst();
    if (!row?.locked_until) return 0;
    return Math.max(0, Math.ceil((Date.parse(row.locked_until) - Date.now()) / 1000));
  }

  async fail(key: string, threshold: number): Promise<void> {
    const now = Date.now();
    const row = await this.db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
    const fresh = !row || now - Date.parse(row.first_failure_at) > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil = failures >= threshold ? new Date(now + Math.min(MAX_LOCK_MS, 30_000 * 2 ** (failures - threshold))).toISOString() : null;
    const values = { failures, first_failure_at: fresh ? nowIso() : row.first_failure_at, locked_until: lockedUntil };
    await this.db
      .insertInto("login_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom("login_throttle").where("key", "=", key).execute();
  }
}
