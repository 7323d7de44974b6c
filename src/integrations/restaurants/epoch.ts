import type { Kysely, Migration } from "kysely";
import type { Db } from "../../server/db/database";
import type { UpstreamCache } from "../../server/upstream/cache";

/**
 * A renewal on one replica must not leave another showing the old figures until its cache
 * expires: every renewal bumps a counter in the shared database, and each replica forgets its
 * cached restaurant reads when it sees the counter move. (The core cache's `invalidate` reaches
 * only the replica it runs on.)
 */
interface EpochTables {
  restaurants_cache_epoch: { name: string; epoch: number };
}

export const epochMigrations: Record<string, Migration> = {
  "restaurants-001-cache-epoch": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("restaurants_cache_epoch")
        .addColumn("name", "text", (c) => c.primaryKey())
        .addColumn("epoch", "integer", (c) => c.notNull())
        .execute();
    },
  },
};

const NAME = "renewals";

export function createEpoch(database: Db, cache: UpstreamCache, prefix: string) {
  const db = database as unknown as Kysely<EpochTables>;
  let seen: number | null = null;
  let local = 0;
  return {
    /** Renewals made by this replica so far: a read that spans one may have fetched the figures before it. */
    get local() {
      return local;
    },
    /** Before a read: forget this replica's cached reads if a renewal happened anywhere since the last look. */
    async sync(): Promise<void> {
      const row = await db.selectFrom("restaurants_cache_epoch").select("epoch").where("name", "=", NAME).executeTakeFirst();
      const epoch = Number(row?.epoch ?? 0);
      if (seen !== null && epoch !== seen) cache.invalidate(prefix);
      seen = epoch;
    },
    /** After a renewal: tell every replica. */
    async bump(): Promise<void> {
      local++;
      await db
        .insertInto("restaurants_cache_epoch")
        .values({ name: NAME, epoch: 1 })
        .onConflict((oc) => oc.column("name").doUpdateSet((eb) => ({ epoch: eb(eb.ref("restaurants_cache_epoch.epoch"), "+", 1) })))
        .execute();
    },
  };
}
export type Epoch = ReturnType<typeof createEpoch>;
