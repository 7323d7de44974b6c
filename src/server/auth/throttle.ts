import type { Db } from "../db/database";
import { nowIso } from "../db/database";

export interface Limit {
  key: string;
  /** Attempts allowed in a window. */
  max: number;
  windowMs: number;
}

/** An account may be tried 5 times in 15 minutes: what stops guessing a password. */
export const accountLimit = (email: string): Limit => ({ key: `email:${email}`, max: 5, windowMs: 15 * 60_000 });
/** An address may try 20 times a minute: it slows a guesser there without locking out everyone behind the same NAT for long. */
export const addressLimit = (ip: string): Limit => ({ key: `ip:${ip}`, max: 20, windowMs: 60_000 });

/**
 * Sign-in attempts counted in the database (every replica sees the same count). Each attempt is
 * counted and checked in one statement per key, before the password is verified, so attempts sent
 * at once cannot get more guesses through than the limit.
 */
export class LoginThrottle {
  constructor(private readonly db: Db) {}

  /** Counts this attempt against every limit; answers the seconds to wait when one is over, else 0. */
  async attempt(limits: Limit[]): Promise<number> {
    const waits = await Promise.all(limits.map((limit) => this.count(limit)));
    return Math.max(0, ...waits);
  }

  private async count({ key, max, windowMs }: Limit): Promise<number> {
    const now = Date.now();
    const cutoff = new Date(now - windowMs).toISOString();
    const at = nowIso();
    const row = await this.db
      .insertInto("login_throttle")
      .values({ key, failures: 1, first_failure_at: at, locked_until: null })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => {
          const expired = eb("login_throttle.first_failure_at", "<", cutoff);
          return {
            failures: eb
              .case()
              .when(expired)
              .then(1)
              .else(eb(eb.ref("login_throttle.failures"), "+", 1))
              .end(),
            first_failure_at: eb.case().when(expired).then(at).else(eb.ref("login_throttle.first_failure_at")).end(),
          };
        }),
      )
      .returning(["failures", "first_failure_at"])
      .executeTakeFirstOrThrow();
    if (Number(row.failures) <= max) return 0;
    return Math.max(1, Math.ceil((Date.parse(row.first_failure_at) + windowMs - now) / 1000));
  }

  /** A correct password clears the account's count (never the address's). */
  async clear(key: string): Promise<void> {
    await this.db.deleteFrom("login_throttle").where("key", "=", key).execute();
  }

  /** Deletes counts whose window has passed. */
  async prune(olderThanMs = 15 * 60_000): Promise<void> {
    await this.db
      .deleteFrom("login_throttle")
      .where("first_failure_at", "<", new Date(Date.now() - olderThanMs).toISOString())
      .execute();
  }
}
